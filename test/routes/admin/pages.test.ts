import { describe, expect, it } from "vitest";
import { AUTH, adminJson, call, getJson } from "../../helpers/http";
import { expectRefused, ID, site } from "./helpers";

// One file-wide story: pages are created in order, and the first one is the default.
const main = site("status.test");
const other = site("other.test");
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/;

async function publicPageName(host: string): Promise<string> {
  const { res, json } = await getJson(`http://${host}/api/v2/status.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get("Cache-Status")).toBe("edge-status; hit");
  return json.page.name;
}

describe("before any page exists", () => {
  it.each([
    ["GET", "/page", undefined],
    ["PATCH", "/page", { name: "Nothing" }],
    ["GET", "/components", undefined],
    ["POST", "/components", { name: "API" }],
    ["POST", "/incidents", { name: "Down", body: "Down." }],
    ["GET", "/maintenances", undefined],
  ])("%s %s answers 409 page_not_configured", async (method, path, body) => {
    await main.refused(method, path, body, { status: 409, code: "page_not_configured", field: "header.host" });
  });

  it("the public API answers 404 page_not_configured", async () => {
    await expectRefused((b) => call("/api/v2/status.json", {}, b), { status: 404, code: "page_not_configured", field: "header.host" });
  });

  it("GET /pages lists nothing", async () => {
    expect(await main.ok("GET", "/pages")).toEqual({ pages: [] });
  });
});

describe("POST /pages", () => {
  it("creates the first page as the default one and the public API serves it at once", async () => {
    const { page } = await main.ok("POST", "/pages", {
      name: "Acme",
      url: "https://status.acme.test",
      time_zone: "Etc/UTC",
      settings: { auto_resolve_after_minutes: 30 },
    });
    expect(page).toEqual({
      id: expect.stringMatching(ID),
      name: "Acme",
      url: "https://status.acme.test",
      host: null,
      time_zone: "Etc/UTC",
      default: true,
      settings: { auto_resolve_after_minutes: 30 },
      locale: "en",
      locales: ["en"],
      created_at: expect.stringMatching(ISO),
      updated_at: page.created_at,
    });
    expect(await main.ok("GET", "/pages")).toEqual({ pages: [page] });
    expect(await main.ok("GET", "/page")).toEqual({ page });

    const status = await main.fresh("/api/v2/status.json");
    expect(status).toEqual({
      page: { id: page.id, name: "Acme", url: "https://status.acme.test", time_zone: "Etc/UTC", updated_at: page.created_at },
      status: { indicator: "none", description: "All Systems Operational" },
    });
  });

  it("serves a second page on its own host while every other host keeps the default page", async () => {
    const { page } = await main.ok("POST", "/pages", { name: "Other", url: "https://other.example", host: "other.test" });
    expect(page).toMatchObject({ name: "Other", host: "other.test", default: false, time_zone: "Etc/UTC" });

    expect(await publicPageName("other.test")).toBe("Other");
    expect(await publicPageName("status.test")).toBe("Acme");
    expect(await publicPageName("elsewhere.test")).toBe("Acme");
    expect((await other.ok("GET", "/page")).page.id).toBe(page.id);

    // Each page has its own components: a component created on other.test is not the default page's.
    const onOther = await other.component({ name: "Other API" });
    expect((await other.fresh("/api/v2/components.json")).components.map((c: { id: string }) => c.id)).toEqual([onOther.id]);
    expect((await main.fresh("/api/v2/components.json")).components).toEqual([]);
  });

  it("stores the host trimmed and in lower case", async () => {
    const { page } = await main.ok("POST", "/pages", { name: "Third", url: "https://third.example", host: "  Third.TEST " });
    expect(page.host).toBe("third.test");
    expect(await publicPageName("third.test")).toBe("Third");
  });

  it("refuses a host another page already serves (409 host_taken)", async () => {
    await main.refused(
      "POST",
      "/pages",
      { name: "Copy", url: "https://copy.example", host: "other.test" },
      { status: 409, code: "host_taken", field: "body.host" },
    );
  });

  it.each([
    [{ url: "https://x.example" }, "body.name"],
    [{ name: "  ", url: "https://x.example" }, "body.name"],
    [{ name: "X", url: "not a url" }, "body.url"],
    [{ name: "X", url: "https://x.example", time_zone: "Mars/Olympus_Mons" }, "body.time_zone"],
    [{ name: "X", url: "https://x.example", host: "https://x.example/" }, "body.host"],
    [{ name: "X", url: "https://x.example", default: "yes" }, "body.default"],
    [{ name: "X", url: "https://x.example", settings: "dark" }, "body.settings"],
  ])("refuses %j naming %s", async (body, field) => {
    await main.refused("POST", "/pages", body, { status: 400, code: "validation_failed", field });
  });

  it("refuses unknown keys", async () => {
    const error = await main.refused(
      "POST",
      "/pages",
      { name: "X", url: "https://x.example", colour: "red" },
      { status: 400, code: "validation_failed", field: "body" },
    );
    expect(error.details[0]!.message).toContain("colour");
  });

  it("refuses malformed JSON (400 invalid_json)", async () => {
    await expectRefused(
      (b) => call("/api/admin/pages", { method: "POST", headers: { ...AUTH, "Content-Type": "application/json" }, body: '{"name": "X",' }, b),
      { status: 400, code: "invalid_json", field: "body" },
    );
  });
});

describe("admin requests on a host without its own page", () => {
  it("administer the default page, the one the public API serves there", async () => {
    const { pages } = await main.ok("GET", "/pages");
    const defaultPage = pages.find((p: { default: boolean }) => p.default);
    expect(defaultPage.name).toBe("Acme");
    expect(await publicPageName("status.test")).toBe("Acme");
    expect((await main.ok("GET", "/page")).page.id).toBe(defaultPage.id);
  });
});

describe("PATCH /page", () => {
  it("renames the page and the public API shows the new name at once", async () => {
    const before = (await other.ok("GET", "/page")).page;
    const { page } = await other.ok("PATCH", "/page", { name: "Other Corp", url: "https://status.other.example/" });
    expect(page).toMatchObject({ id: before.id, name: "Other Corp", url: "https://status.other.example/", host: "other.test", created_at: before.created_at });
    expect(Date.parse(page.updated_at)).toBeGreaterThanOrEqual(Date.parse(before.updated_at));
    const status = await other.fresh("/api/v2/status.json");
    expect(status.page).toMatchObject({ id: before.id, name: "Other Corp", url: "https://status.other.example/" });
    expect(await publicPageName("status.test")).toBe("Acme");
  });

  it("changes the time zone, and public timestamps move to its offset", async () => {
    const { page } = await other.ok("PATCH", "/page", { time_zone: "America/Sao_Paulo" });
    expect(page.time_zone).toBe("America/Sao_Paulo");
    const body = await other.fresh("/api/v2/components.json");
    expect(body.page.time_zone).toBe("America/Sao_Paulo");
    expect(body.page.updated_at).toMatch(/-03:00$/);
    expect(body.components[0].created_at).toMatch(/-03:00$/);
  });

  it("keeps the time zone when a patch does not name it", async () => {
    await other.ok("PATCH", "/page", { time_zone: "America/Sao_Paulo" });
    const { page } = await other.ok("PATCH", "/page", { name: "Other Status" });
    expect(page.time_zone).toBe("America/Sao_Paulo");
    expect((await other.fresh("/api/v2/status.json")).page.time_zone).toBe("America/Sao_Paulo");
  });

  it("moves a page to a new host: the new host serves it and the old one falls back to the default", async () => {
    const { page } = await other.ok("PATCH", "/page", { host: "moved.test" });
    expect(page.host).toBe("moved.test");
    expect(await publicPageName("moved.test")).toBe(page.name);
    expect(await publicPageName("other.test")).toBe("Acme");
    // Move it back for the tests below.
    await site("moved.test").ok("PATCH", "/page", { host: "other.test" });
    expect(await publicPageName("other.test")).toBe(page.name);
  });

  it("refuses a host another page serves (409 host_taken)", async () => {
    await other.refused("PATCH", "/page", { host: "third.test" }, { status: 409, code: "host_taken", field: "body.host" });
  });

  it.each([
    [{ name: "" }, "body.name"],
    [{ time_zone: "Nowhere/Land" }, "body.time_zone"],
    [{ url: "status page" }, "body.url"],
    [{ host: "bad host" }, "body.host"],
  ])("refuses %j naming %s", async (body, field) => {
    await other.refused("PATCH", "/page", body, { status: 400, code: "validation_failed", field });
  });

  it("refuses unknown keys", async () => {
    await other.refused("PATCH", "/page", { id: "aaaaaaaaaaaa" }, { status: 400, code: "validation_failed", field: "body" });
  });
});

describe("the default page", () => {
  it("moves to a new page created with default: true, for every host without its own page", async () => {
    const { page } = await main.ok("POST", "/pages", { name: "Fourth", url: "https://fourth.example", host: "fourth.test", default: true });
    expect(page.default).toBe(true);
    const { pages } = await main.ok("GET", "/pages");
    expect(pages.filter((p: { default: boolean }) => p.default).map((p: { id: string }) => p.id)).toEqual([page.id]);
    expect(pages).toHaveLength(4);
    expect(await publicPageName("elsewhere.test")).toBe("Fourth");
    expect(await publicPageName("other.test")).toBe("Other Status");
  });

  it("is what admin requests from an unknown host administer", async () => {
    const { json } = await adminJson("GET", "/page");
    expect(json.page.name).toBe("Fourth");
  });
});
