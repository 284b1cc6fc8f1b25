import { beforeAll, describe, expect, it } from "vitest";
import { createPage } from "../helpers/fixtures";
import { adminJson } from "../helpers/http";
import { get, postAs, signIn, textOf } from "./helpers";

let pageId: string;
let cookie: string;
beforeAll(async () => {
  pageId = (await createPage({ name: "Settings", host: "settings.test" })).id;
  cookie = await signIn();
});

const fields = { name: "Settings", url: "https://status.settings.test", host: "settings.test", time_zone: "Europe/Berlin", auto_resolve_after_minutes: "30" };

describe("page settings", () => {
  it("saves name, zone and auto-resolution through the same write as the API", async () => {
    const res = await postAs(cookie, `/admin/${pageId}/settings`, { ...fields, name: "Settings renamed" });
    expect(res.status).toBe(303);
    const { json } = await adminJson("GET", "/pages");
    const page = json.pages.find((p: { id: string }) => p.id === pageId);
    expect(page).toMatchObject({ name: "Settings renamed", time_zone: "Europe/Berlin", settings: { auto_resolve_after_minutes: 30 } });
  });

  it("shows a bad time zone and a bad auto-resolution next to their fields, keeping what was typed", async () => {
    const res = await postAs(cookie, `/admin/${pageId}/settings`, { ...fields, time_zone: "Mars/Olympus", auto_resolve_after_minutes: "99999" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="f-time_zone-error"[^>]*>.*Not an IANA time zone name/);
    expect(html).toMatch(/id="f-auto_resolve_after_minutes-error"/);
    expect(html).toContain('value="Mars/Olympus"');
    expect(html).toContain('value="99999"');
  });

  it("offers a switcher between pages once there are several, naming each by its host", async () => {
    await createPage({ name: "Second", host: "second.test" });
    const text = textOf(await (await get(`/admin/${pageId}`, cookie)).text());
    expect(text).toContain("Second (second.test)");
    const res = await get(`/admin/switch?page=${pageId}`, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/admin/${pageId}`);
  });

  describe("the page's language", () => {
    const pageOf = async () => (await adminJson("GET", "/pages")).json.pages.find((p: { id: string }) => p.id === pageId);

    it("is English, offering only English, until chosen", async () => {
      const html = await (await get(`/admin/${pageId}/settings`, cookie)).text();
      expect(html).toMatch(/<option value="en" selected[^>]*>English<\/option>/);
      expect(html).toMatch(/<input id="f-offer-en" name="offer.en" type="checkbox" value="on" checked/);
      expect(html).not.toMatch(/name="offer.pt-BR"[^>]*checked/);
      expect(textOf(html)).toContain("Also offer readers");
    });

    it("saves pt-BR offering English through the same write as the API, and shows them chosen", async () => {
      const res = await postAs(cookie, `/admin/${pageId}/settings`, { ...fields, locale: "pt-BR", "offer.en": "on" });
      expect(res.status, await res.clone().text()).toBe(303);
      expect(await pageOf()).toMatchObject({ locale: "pt-BR", locales: ["pt-BR", "en"], settings: { auto_resolve_after_minutes: 30 } });
      const html = await (await get(`/admin/${pageId}/settings`, cookie)).text();
      expect(html).toMatch(/<option value="pt-BR" selected[^>]*>Português \(Brasil\)<\/option>/);
      expect(html).not.toMatch(/<option value="en" selected/);
      expect(html).toMatch(/name="offer.en" type="checkbox" value="on" checked/);
      expect(html).not.toMatch(/name="offer.es"[^>]*checked/);
    });

    it("offers only the page's own language when no box is ticked", async () => {
      expect((await postAs(cookie, `/admin/${pageId}/settings`, { ...fields, locale: "es" })).status).toBe(303);
      expect(await pageOf()).toMatchObject({ locale: "es", locales: ["es"] });
      expect((await postAs(cookie, `/admin/${pageId}/settings`, { ...fields, locale: "pt-BR", "offer.en": "on" })).status).toBe(303);
    });

    it("is chosen when the page is created: a new page in pt-BR offering English", async () => {
      const form = await (await get("/admin/pages/new", cookie)).text();
      expect(form).toMatch(/<option value="en" selected[^>]*>English<\/option>/);
      const res = await postAs(cookie, "/admin/pages/new", {
        name: "Nova",
        url: "https://status.nova.test",
        host: "nova.test",
        time_zone: "America/Sao_Paulo",
        locale: "pt-BR",
        "offer.en": "on",
      });
      expect(res.status, await res.clone().text()).toBe(303);
      const created = (await adminJson("GET", "/pages")).json.pages.find((p: { host: string }) => p.host === "nova.test");
      expect(created).toMatchObject({ locale: "pt-BR", locales: ["pt-BR", "en"] });
    });

    it("refuses a language it does not speak next to the field, and changes nothing", async () => {
      const before = await pageOf();
      const res = await postAs(cookie, `/admin/${pageId}/settings`, { ...fields, name: "Not saved", locale: "fr", "offer.es": "on" });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toMatch(/id="f-locale-error"/);
      expect(html).toMatch(/<a href="#f-locale">Page language: /);
      expect(html).toContain('value="Not saved"');
      expect(await pageOf()).toEqual(before);
    });
  });
});
