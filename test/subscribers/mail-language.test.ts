// Mails and chat messages speak the subscriber's language: the one the subscribe form was read in,
// while the page still offers it, else the page's own. The hosted service's webhook JSON stays English.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/http";
import { newSite, type Site } from "../routes/admin/helpers";
import { consume, deliveries, deps, mails, receiver } from "./helpers";

let acme: Site;
let desk: string;
let subnet = 0;

/** The home page's form, posted in `lang`, from its own /64 so the subscribe limit never bites. */
async function subscribeIn(lang: string, email: string): Promise<void> {
  const res = await call(`${acme.origin}/subscribe?lang=${lang}`, {
    method: "POST",
    headers: { "cf-connecting-ip": `2001:db8:ma11:${++subnet}::1` },
    body: new URLSearchParams({ email }),
  });
  expect(res.status).toBe(303);
}

/** Sends every delivery still unsent (as the queue consumer would); the webhook requests it made. */
async function deliverAll() {
  const r = receiver(204);
  const due = (await deliveries()).filter((d) => d.sentAt === null && d.deadAt === null);
  await consume(
    deps(r.fetch),
    due.map((d) => d.id),
  );
  return r.received;
}

const last = async (to: string) => (await mails(to)).at(-1)!;

/** Both owners followed their links, long enough ago for a new request to mail them again. */
const confirmAll = () =>
  env.DB.prepare("UPDATE subscribers SET state = 'active', confirmed_at = 1700000000000, confirmation_sent_at = 1700000000000 WHERE state = 'pending'").run();

beforeAll(async () => {
  acme = await newSite("mail-pt.test", { name: "Acme", url: "https://status.acme.test", time_zone: "America/Sao_Paulo", locale: "pt-BR", locales: ["en"] });
  desk = (await acme.component({ name: "Desk" })).id;
});

describe("the confirmation mail", () => {
  it("speaks the language the form was read in, and its link opens the page in it", async () => {
    await subscribeIn("pt-BR", "bia@example.com");
    await subscribeIn("en", "al@example.com");
    await deliverAll();

    const bia = await last("bia@example.com");
    expect(bia.subject).toBe("Confirme sua assinatura das atualizações de status de Acme");
    expect(bia.text).toMatch(/^Confirmar: https:\/\/status\.acme\.test\/subscriptions\/confirm\?token=[\w-]{43}&lang=pt-BR$/m);
    expect(bia.text).toContain("Se não foi você, ignore este e-mail: nada mais será enviado.");
    expect(bia.html).toContain('<html lang="pt-BR">');
    expect(bia.html).toContain("as atualizações de status de <strong>Acme</strong>.");
    expect(bia.html).toContain(">Confirmar assinatura</a>");

    const al = await last("al@example.com");
    expect(al.subject).toBe("Confirm your subscription to Acme status updates");
    expect(al.text).toMatch(/^Confirm: https:\/\/status\.acme\.test\/subscriptions\/confirm\?token=[\w-]{43}&lang=en$/m);
    expect(al.html).toContain('<html lang="en">');
  });

  it("to an address already subscribed, speaks the language it subscribed in, not the new request's", async () => {
    await confirmAll();
    await subscribeIn("en", "bia@example.com");
    await deliverAll();
    const again = await last("bia@example.com");
    expect(again.subject).toBe("Sua assinatura de status de Acme");
    expect(again.text).toMatch(
      /^Escolher componentes ou cancelar a assinatura: https:\/\/status\.acme\.test\/subscriptions\/manage\?token=[\w-]{43}&lang=pt-BR$/m,
    );
  });
});

describe("a page of one language", () => {
  it("keeps no language on its subscribers: their mails follow the page's if it changes", async () => {
    const solo = await newSite("mail-solo.test", { name: "Solo $& Co $' x" });
    const res = await call(`${solo.origin}/subscribe`, {
      method: "POST",
      headers: { "cf-connecting-ip": "2001:db8:501::1" },
      body: new URLSearchParams({ email: "solo@example.com" }),
    });
    expect(res.status).toBe(303);
    const row = await env.DB.prepare("SELECT locale FROM subscribers WHERE target = 'solo@example.com'").first<{ locale: string | null }>();
    expect(row?.locale).toBeNull();
    await deliverAll();
    // A "$&" in a page's name is its name, not a replacement pattern.
    expect((await last("solo@example.com")).html).toContain("receive <strong>Solo $&amp; Co $&#39; x</strong>&#39;s status updates");
  });
});

describe("notifications", () => {
  it("mail each subscriber in its language: status, the page's time in its zone, the footer, the links", async () => {
    await acme.incident({
      name: "Desk e Portal inacessíveis",
      body: "Estamos investigando.",
      started_at: "2024-11-14T11:56:00Z",
      display_at: "2024-11-14T11:56:00Z",
      components: [{ id: desk, status: "major_outage" }],
    });
    await deliverAll();

    const bia = (await mails("bia@example.com")).find((m) => m.subject.includes("inacessíveis"))!;
    expect(bia.subject).toBe("[Acme] Desk e Portal inacessíveis: Investigando");
    expect(bia.text).toContain("Investigando · 14 de nov. de 2024, 08:56 GMT-3");
    expect(bia.text).toContain("Afetados: Desk");
    expect(bia.text).toContain("Horários em America/Sao_Paulo, GMT-3.");
    expect(bia.text).toContain("Você recebe este e-mail porque assinou a página de status de Acme.");
    expect(bia.html).toContain('<html lang="pt-BR">');
    expect(bia.html).toMatch(/<a href="https:\/\/status\.acme\.test\/incidents\/\w+\?lang=pt-BR"[^>]*>Ver na página de status<\/a>/);
    expect(bia.text).toMatch(/^Detalhes: https:\/\/status\.acme\.test\/incidents\/\w+\?lang=pt-BR$/m);
    expect(bia.headers["List-Unsubscribe"]).toMatch(/^<https:\/\/status\.acme\.test\/unsubscribe\?token=[\w-]{43}&lang=pt-BR>$/);

    const al = (await mails("al@example.com")).find((m) => m.subject.includes("inacessíveis"))!;
    expect(al.subject).toBe("[Acme] Desk e Portal inacessíveis: Investigating");
    expect(al.text).toContain("Investigating · Nov 14, 2024 - 08:56 GMT-3");
    expect(al.text).toContain("Times are in America/Sao_Paulo, GMT-3.");
    expect(al.html).toContain(">View on the status page</a>");
  });

  it("reach chat webhooks in the page's language, while the hosted service's JSON keeps its English enums", async () => {
    for (const format of ["slack", "statuspage"]) {
      await acme.ok("POST", "/subscribers", { type: "webhook", url: `https://hooks.example.com/${format}`, format });
    }
    await acme.incident({ name: "Lentidão", body: "Verificando." });
    const received = await deliverAll();
    const body = (format: string) => JSON.parse(received.find((r) => r.url.endsWith(`/${format}`))!.body);
    expect(body("slack").text).toBe("[Acme] Lentidão: Investigando");
    const statuspage = body("statuspage");
    expect(statuspage.incident.status).toBe("investigating");
    expect(JSON.stringify(statuspage)).not.toContain("Investigando");
  });

  it("speak the language an operator gave a subscriber, one the page offers; any other is refused with nothing written", async () => {
    const { subscriber } = await acme.ok("POST", "/subscribers", { type: "webhook", url: "https://hooks.example.com/english", format: "slack", locale: "en" });
    expect(subscriber.locale).toBe("en");
    await acme.ok("POST", "/subscribers", { type: "email", email: "ops@example.com", skip_confirmation: true });
    expect((await acme.ok("GET", "/subscribers")).subscribers.find((s: { target: string }) => s.target === "ops@example.com").locale).toBeNull();
    const error = await acme.refused(
      "POST",
      "/subscribers",
      { type: "email", email: "es@example.com", locale: "es" },
      { status: 422, code: "language_not_offered", field: "body.locale" },
    );
    expect(error.message).toBe("This page offers pt-BR, en.");
    await acme.refused(
      "POST",
      "/subscribers",
      { type: "email", email: "fr@example.com", locale: "fr" },
      { status: 400, code: "validation_failed", field: "body.locale" },
    );

    await acme.incident({ name: "Portal lento", body: "Investigando." });
    const received = await deliverAll();
    expect(JSON.parse(received.find((r) => r.url.endsWith("/english"))!.body).text).toBe("[Acme] Portal lento: Investigating");
    expect((await mails("ops@example.com")).at(-1)!.subject).toBe("[Acme] Portal lento: Investigando");
  });

  it("fall back to the page's own language when the page stops offering the subscriber's", async () => {
    await acme.ok("PATCH", "/page", { locales: ["pt-BR"] });
    await acme.incident({ name: "Fila lenta", body: "Investigando a fila." });
    await deliverAll();
    const al = (await mails("al@example.com")).find((m) => m.subject.includes("Fila lenta"))!;
    expect(al.subject).toBe("[Acme] Fila lenta: Investigando");
    expect(al.html).toContain('<html lang="pt-BR">');
    // One language left: links no longer carry one.
    expect(al.headers["List-Unsubscribe"]).toMatch(/^<https:\/\/status\.acme\.test\/unsubscribe\?token=[\w-]{43}>$/);
  });
});
