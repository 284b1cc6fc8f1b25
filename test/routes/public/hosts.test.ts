import { beforeAll, describe, expect, it } from "vitest";
import { createPage } from "../../helpers/fixtures";
import { call } from "../../helpers/http";

let acme: { id: string };
let other: { id: string };

beforeAll(async () => {
  acme = await createPage({ name: "Acme", url: "https://status.acme.test" });
  other = await createPage({ name: "Other", url: "https://status.other.test", host: "status.other.test" });
});

const pageOf = async (host: string) => {
  const res = await call(`http://${host}/api/v2/status.json`);
  return { status: res.status, id: res.status === 200 ? ((await res.json()) as { page: { id: string } }).page.id : null };
};

describe("which page a host is served", () => {
  it("serves a claimed host its page, with or without a port, and the default page to any other host", async () => {
    expect(await pageOf("status.other.test")).toEqual({ status: 200, id: other.id });
    expect(await pageOf("STATUS.OTHER.TEST:8443")).toEqual({ status: 200, id: other.id });
    expect(await pageOf("unknown.example")).toEqual({ status: 200, id: acme.id });
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])("treats a host called %s as a host, not an object member", async (host) => {
    expect(await pageOf(host)).toEqual({ status: 200, id: acme.id });
    const html = await call(`http://${host}/`);
    expect(html.status).toBe(200);
  });

  it("gives a host name longer than DNS allows the default page, never a 5xx", async () => {
    const long = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.test`;
    expect(long.length).toBeGreaterThan(253);
    expect(await pageOf(long)).toEqual({ status: 200, id: acme.id });
  });

  it("answers a history year out of range with 404 and never the query's text", async () => {
    for (const year of ["1999", "<script>alert(1)</script>", "2024abc", "9999"]) {
      const res = await call(`/history?year=${encodeURIComponent(year)}`);
      expect(res.status, year).toBe(404);
      const html = await res.text();
      expect(html).not.toContain(year.replace(/</g, "&lt;"));
      expect(html).not.toContain(year);
    }
  });
});
