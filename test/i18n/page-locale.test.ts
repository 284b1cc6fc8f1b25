import { beforeAll, describe, expect, it } from "vitest";
import { createPage } from "../helpers/fixtures";
import { adminJson } from "../helpers/http";

beforeAll(async () => {
  await createPage({ name: "Acme" });
});

describe("a page's language", () => {
  it("is English until set, and offers its own", async () => {
    const { json } = await adminJson("GET", "/page");
    expect(json.page).toMatchObject({ locale: "en", locales: ["en"] });
  });

  it("is set with PATCH /page, with the languages readers may switch to; other settings stay", async () => {
    expect((await adminJson("PATCH", "/page", { settings: { auto_resolve_after_minutes: 30 } })).status).toBe(200);
    const { status, json } = await adminJson("PATCH", "/page", { locale: "pt-BR", locales: ["en", "pt-BR"] });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.page).toMatchObject({ locale: "pt-BR", locales: ["en", "pt-BR"], settings: { auto_resolve_after_minutes: 30 } });
    const offeredWithout = await adminJson("PATCH", "/page", { locales: ["es"] });
    expect(offeredWithout.json.page).toMatchObject({ locale: "pt-BR", locales: ["pt-BR", "es"] });
  });

  it.each([{ locale: "fr" }, { locale: "pt_BR" }, { locales: [] }, { locales: ["en", "en"] }, { locales: ["klingon"] }])(
    "refuses %j with 400 and changes nothing",
    async (patch) => {
      const before = (await adminJson("GET", "/page")).json.page;
      const { status, json } = await adminJson("PATCH", "/page", patch);
      expect(status).toBe(400);
      expect(json.error.details.length).toBeGreaterThan(0);
      expect((await adminJson("GET", "/page")).json.page).toEqual(before);
    },
  );
});
