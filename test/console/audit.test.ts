import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createPage } from "../helpers/fixtures";
import { get, signIn } from "./helpers";

let pageId: string;
let cookie: string;
beforeAll(async () => {
  pageId = (await createPage({ name: "Audited" })).id;
  cookie = await signIn();
});

const idOf = (n: number) => `a${String(n).padStart(11, "0")}`;

describe("the audit log", () => {
  it("pages through every entry once, newest first, even when many share a millisecond", async () => {
    // 230 entries over 3 milliseconds: page boundaries fall inside a millisecond.
    const statements = Array.from({ length: 230 }, (_, n) =>
      env.DB.prepare("INSERT INTO audit_log (id, page_id, at, actor, action, target) VALUES (?, ?, ?, 'job:test', 'component.updated', ?)").bind(
        idOf(n),
        pageId,
        Date.UTC(2026, 0, 1) + (n % 3),
        `entry ${n}`,
      ),
    );
    await env.DB.batch(statements);
    const seen: string[] = [];
    const targets: string[] = [];
    let path = `/admin/${pageId}/audit`;
    for (let pages = 0; pages < 5 && path; pages++) {
      const html = await (await get(path, cookie)).text();
      const rows = [...html.matchAll(/<tr[^>]*><td><time datetime="([^"]+)"/g)].map((m) => m[1]!);
      seen.push(...rows);
      targets.push(...[...html.matchAll(/data-target="([^"]*)"/g)].map((m) => m[1]!));
      const next = /href="([^"]*after=[^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
      path = next ?? "";
    }
    // The page's own creation is in the log too.
    expect(seen).toHaveLength(231);
    // Each entry exactly once.
    expect(new Set(targets).size).toBe(231);
    const times = seen.map((iso) => Date.parse(iso));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("filters to one event, and reads a malformed cursor as the first page", async () => {
    const none = await get(`/admin/${pageId}/audit?event=zzzzzzzzzzzz`, cookie);
    expect(await none.text()).toContain("Nothing recorded yet.");
    const first = await (await get(`/admin/${pageId}/audit`, cookie)).text();
    const malformed = await get(`/admin/${pageId}/audit?after=nonsense`, cookie);
    expect(malformed.status).toBe(200);
    const rows = (html: string) => [...html.matchAll(/data-target="([^"]*)"/g)].map((m) => m[1]);
    expect(rows(await malformed.text())).toEqual(rows(first));
  });
});
