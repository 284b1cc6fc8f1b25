import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createComponent, createPage } from "../../helpers/fixtures";
import { adminJson, call } from "../../helpers/http";
import { get, main, text, texts } from "./html";

// A page whose own language is Portuguese and which offers English: its subscription pages answer
// in the reader's language, and a form answers in the language it was shown in.

let subnet = 0;
/** A form POST from its own /64, so the subscribe limit only bites where a test wants it. */
const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}, from = `2001:db8:5ab:${++subnet}::1`) =>
  call(path, { method: "POST", headers: { "cf-connecting-ip": from, ...headers }, body: new URLSearchParams(fields) });

const tokenOf = async (email: string) => (await env.DB.prepare("SELECT token FROM subscribers WHERE target = ?").bind(email).first<{ token: string }>())!.token;

/** A form's action on a page, as the browser reads it. */
const actionOf = (html: string) => /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");

const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

beforeAll(async () => {
  await createPage({ name: "Acme" });
  await createComponent({ name: "Desk" });
  const { status, json } = await adminJson("PATCH", "/page", { locale: "pt-BR", locales: ["en"] });
  expect(status, JSON.stringify(json)).toBe(200);
});

describe("the subscribe page of a Portuguese page", () => {
  it("speaks Portuguese, and its form posts back in Portuguese", async () => {
    const { res, html } = await get("/subscribe");
    expect(res.status).toBe(200);
    expect(html).toContain('<html lang="pt-BR">');
    expect(title(html)).toBe("Assinar · Acme");
    expect(texts(html, "h1")).toEqual(["Receba atualizações de status de Acme por e-mail"]);
    const body = text(main(html));
    expect(body).toContain("Endereço de e-mail");
    expect(body).toContain("Componentes");
    expect(texts(html, "button")).toEqual(["Assinar"]);
    expect(body).not.toMatch(/Email address|Subscribe|Tick the ones/);
    expect(actionOf(html)).toBe("/subscribe?lang=pt-BR");
    expect(html).toContain('<a href="/subscribe?lang=en" hreflang="en" lang="en">English</a>');
  });

  it("puts the Portuguese form on the home page too", async () => {
    const { html } = await get("/");
    const form = /<form method="post" action="\/subscribe\?lang=pt-BR" class="sub-form">([\s\S]*?)<\/form>/.exec(html);
    expect(form, "the home page's form").not.toBeNull();
    expect(text(form![1]!)).toBe("Endereço de e-mail Assinar");
  });

  it("refuses a bad address from the Portuguese form with 422, in Portuguese, whatever the browser asks", async () => {
    const res = await post("/subscribe?lang=pt-BR", { email: "not-an-address" }, { "Accept-Language": "en" });
    expect(res.status).toBe(422);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain('<html lang="pt-BR">');
    expect(texts(html, "p").filter((p) => p.startsWith("Informe"))).toEqual(["Informe um endereço de e-mail, como nome@exemplo.com."]);
    expect(html).toContain('value="not-an-address"');
    expect(actionOf(html)).toBe("/subscribe?lang=pt-BR");
    expect(text(html)).not.toContain("Enter an email address");
  });

  it("answers a form posted without a language in the page's own", async () => {
    const res = await post("/subscribe", { email: "nope" });
    expect(res.status).toBe(422);
    expect(text(main(await res.text()))).toContain("Informe um endereço de e-mail");
  });

  it("says a vanished component and too many requests in Portuguese, with their statuses", async () => {
    const gone = await post("/subscribe?lang=pt-BR", { email: "ana@example.com", components: "zzzzzzzzzzzz" });
    expect(gone.status).toBe(422);
    expect(text(main(await gone.text()))).toContain("Um dos componentes escolhidos não existe mais; escolha novamente.");
    const statuses: number[] = [];
    let last = "";
    for (let i = 0; i < 6; i++) {
      const res = await post("/subscribe?lang=pt-BR", { email: `flood${i}@example.com` }, {}, `2001:db8:5ab:ffff::${i + 1}`);
      statuses.push(res.status);
      last = await res.text();
    }
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
    expect(text(main(last))).toContain("Muitos pedidos de assinatura vindos da sua rede; tente novamente daqui a um minuto.");
  });

  it("keeps the language through a subscription: sent, confirm, manage, unsubscribe", async () => {
    const sent = await post("/subscribe?lang=pt-BR", { email: "bia@example.com" });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("Location")).toBe("/subscribe?sent=1&lang=pt-BR");
    expect(text(main((await get("/subscribe?sent=1&lang=pt-BR")).html))).toContain("Confira sua caixa de entrada");

    const token = await tokenOf("bia@example.com");
    const confirm = (await get(`/subscriptions/confirm?token=${token}`)).html;
    expect(confirm).toContain('<html lang="pt-BR">');
    expect(texts(confirm, "h1")).toEqual(["Confirme sua assinatura"]);
    expect(main(confirm)).toContain("<p>Enviar as atualizações de status de Acme para <strong>bia@example.com</strong>?</p>");
    expect(actionOf(confirm)).toBe("/subscriptions/confirm?lang=pt-BR");

    const confirmed = await post("/subscriptions/confirm?lang=pt-BR", { token });
    expect(confirmed.status).toBe(303);
    const manageAt = confirmed.headers.get("Location")!;
    expect(manageAt).toBe(`/subscriptions/manage?token=${token}&said=confirmed&lang=pt-BR`);
    const manage = (await get(manageAt)).html;
    expect(title(manage)).toBe("Sua assinatura · Acme");
    expect(texts(manage, "h1")).toEqual(["Sua assinatura do status de Acme"]);
    const manageText = text(main(manage));
    expect(manageText).toContain("Assinatura confirmada: as atualizações chegarão a este endereço.");
    expect(main(manage)).toContain("<p>As atualizações são enviadas para <strong>bia@example.com</strong>.</p>");
    expect(texts(manage, "button")).toEqual(["Salvar", "Cancelar assinatura"]);
    // The language switch shows this same subscription in English.
    expect(manage).toContain(`<a href="/subscriptions/manage?token=${token}&amp;lang=en" hreflang="en" lang="en">English</a>`);

    const saved = await post("/subscriptions/manage?lang=pt-BR", { token });
    expect(saved.headers.get("Location")).toBe(`/subscriptions/manage?token=${token}&said=saved&lang=pt-BR`);
    expect(text(main((await get(saved.headers.get("Location")!)).html))).toContain("Alterações salvas.");

    const unsubscribe = (await get(`/unsubscribe?token=${token}`)).html;
    expect(texts(unsubscribe, "h1")).toEqual(["Cancelar assinatura"]);
    expect(main(unsubscribe)).toContain("<p>Parar de enviar as atualizações de status de Acme para <strong>bia@example.com</strong>?</p>");
    const done = await post("/unsubscribe?lang=pt-BR", { token });
    expect(done.status).toBe(200);
    const doneHtml = await done.text();
    expect(texts(doneHtml, "h1")).toEqual(["Sua assinatura foi cancelada"]);
    expect(text(main(doneHtml))).toContain("Nenhuma outra atualização de status de Acme será enviada para este endereço.");
    expect(main(doneHtml)).toContain('<a href="/?lang=pt-BR">Ver o status atual</a>');
  });

  it("says English when the reader chooses it, by link or by browser", async () => {
    for (const [path, headers] of [
      ["/subscribe?lang=en", {}],
      ["/subscribe", { "Accept-Language": "en-US,en;q=0.9" }],
    ] as const) {
      const { res, html } = await get(path, { headers });
      expect(res.status, path).toBe(200);
      expect(html, path).toContain('<html lang="en">');
      expect(title(html)).toBe("Subscribe · Acme");
      expect(texts(html, "h1")).toEqual(["Get Acme status updates by email"]);
      expect(text(main(html))).toContain("Email address");
      expect(actionOf(html)).toBe("/subscribe?lang=en");
    }
    const refused = await post("/subscribe?lang=en", { email: "nope" });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('<html lang="en">');
    expect(text(main(html))).toContain("Enter an email address, like name@example.com.");
  });

  it("answers a made-up link's 'not valid' page in the page's language, or the reader's", async () => {
    for (const path of [`/subscriptions/manage?token=${"a".repeat(43)}`, "/unsubscribe?token=x", "/subscriptions/confirm"]) {
      const { res, html } = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      expect(html, path).toContain('<html lang="pt-BR">');
      expect(title(html), path).toBe("Link inválido · Acme");
      expect(texts(html, "h1"), path).toEqual(["Este link não é válido"]);
    }
    const posted = await post("/subscriptions/confirm", { token: "x" });
    expect(posted.status).toBe(404);
    expect(texts(await posted.text(), "h1")).toEqual(["Este link não é válido"]);
    const english = await get(`/subscriptions/manage?token=${"a".repeat(43)}&lang=en`);
    expect(texts(english.html, "h1")).toEqual(["This link is not valid"]);
  });
});

describe("the subscribe page in Spanish", () => {
  beforeAll(async () => {
    expect((await adminJson("PATCH", "/page", { locales: ["en", "es"] })).status).toBe(200);
  });

  it("speaks Spanish to a Spanish reader, and refuses a bad address in Spanish", async () => {
    const { html } = await get("/subscribe", { headers: { "Accept-Language": "es-MX,es;q=0.9" } });
    expect(html).toContain('<html lang="es">');
    expect(texts(html, "h1")).toEqual(["Recibe actualizaciones de estado de Acme por correo"]);
    expect(text(main(html))).toContain("Correo electrónico");
    expect(texts(html, "button")).toEqual(["Suscribirse"]);
    const refused = await post(actionOf(html)!, { email: "nope" });
    expect(refused.status).toBe(422);
    expect(text(main(await refused.text()))).toContain("Escribe una dirección de correo, como nombre@ejemplo.com.");
  });
});
