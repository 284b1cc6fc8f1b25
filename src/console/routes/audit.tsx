import { Hono } from "hono";
import { auditCursor, parseAuditCursor } from "../../admin/audit";
import { listAudit } from "../../db/queries/audit";
import type { AuditRow } from "../../db/schema";
import type { AppEnv } from "../../env";
import { ID_PATTERN } from "../../lib/ids";
import { timeView } from "../../present/view-model";
import { Time } from "../../site/views/parts";
import { chromeOf } from "../context";
import { consolePath } from "../paths";
import { sendConsole } from "../respond";
import { ConsoleLayout } from "../views/layout";

const PAGE_SIZE = 100;

const brief = (value: Record<string, unknown> | null) =>
  value && Object.keys(value).length > 0
    ? Object.entries(value)
        .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
        .join("; ")
    : "";

export function auditRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/audit", async (c) => {
    const page = c.get("page");
    const eventParam = c.req.query("event");
    const eventId = eventParam && ID_PATTERN.test(eventParam) ? eventParam : undefined;
    const after = parseAuditCursor(c.req.query("after"));
    const rows: AuditRow[] = await listAudit(c.get("db"), page.id, { eventId, after, limit: PAGE_SIZE });
    const path = (query: string) => `${consolePath(page.id, "/audit")}${query}`;
    const last = rows[rows.length - 1];
    return sendConsole(
      c,
      <ConsoleLayout title="Audit log" chrome={chromeOf(c)} section="Audit log">
        <h1>Audit log</h1>
        <p>
          Every change to this page, newest first: who, what, when, and what it changed.
          {eventId ? (
            <>
              {" "}
              Showing one event only. <a href={path("")}>Show all</a>
            </>
          ) : null}
        </p>
        <div class="table-wrap">
          <table class="audit">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr data-target={r.target ?? ""}>
                  <td>
                    <Time t={timeView(r.at, page.timeZone)} />
                  </td>
                  <td>{r.actor}</td>
                  <td>
                    {r.action}
                    {r.eventId ? (
                      <>
                        {" "}
                        <a href={path(`?event=${r.eventId}`)} aria-label={`Only ${r.target ?? "this event"}`}>
                          (this event only)
                        </a>
                      </>
                    ) : null}
                  </td>
                  <td>{brief(r.before)}</td>
                  <td>{brief(r.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {rows.length === 0 ? <p class="quiet">Nothing recorded yet.</p> : null}
        {rows.length === PAGE_SIZE && last ? (
          <p>
            <a href={path(`?${eventId ? `event=${eventId}&` : ""}after=${auditCursor(last)}`)}>Older entries</a>
          </p>
        ) : null}
      </ConsoleLayout>,
    );
  });
  return app;
}
