import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { eventIndexKey } from "../../../src/cache/event-index";
import { seedDemo } from "../../helpers/fixtures";
import { get, text } from "./html";

let pageId: string;

beforeAll(async () => {
  pageId = (await seedDemo()).page.id;
});

it("shows a duration whose recorded times are out of order as zero, and says why, never a negative one", async () => {
  // Data written before the time checks existed, by a client whose clock ran a day ahead.
  const now = Date.now();
  const ahead = now + 86_400_000;
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO incidents (id, page_id, kind, name, status, impact_reached, started_at, last_update_seq, created_at, updated_at) VALUES ('skewedclock1', ?, 'incident', 'Skewed clock', 'investigating', 'none', ?, 1, ?, ?)",
    ).bind(pageId, ahead, now, now),
    env.DB.prepare(
      "INSERT INTO incident_updates (id, incident_id, seq, status, body, display_at, deliver_notifications, created_at, updated_at) VALUES ('skewedupd001', 'skewedclock1', 1, 'investigating', 'Looking.', ?, 0, ?, ?)",
    ).bind(ahead, now, now),
  ]);
  // Nor was there a "not found" index then: D1 decides.
  await env.CACHE.delete(eventIndexKey(pageId));
  const { res, html } = await get("/incidents/skewedclock1");
  expect(res.status).toBe(200);
  expect(text(html)).toContain("ongoing for less than a minute (its recorded times are out of order)");
  expect(text(html)).not.toMatch(/-\d+m\b/);
});
