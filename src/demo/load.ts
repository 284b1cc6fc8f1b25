import { listComponents } from "../db/queries/components";
import { findEventByName } from "../db/queries/events";
import { listPages } from "../db/queries/pages";
import type { PageRow } from "../db/schema";
import type { Db } from "../env";
import { type ComponentCommitted, createComponent } from "../writes/components";
import type { WriteContext } from "../writes/context";
import { createIncident, postIncidentUpdate, setPostmortem } from "../writes/incidents";
import { createPage, patchPage } from "../writes/pages";
import { DEMO_COMPONENTS, DEMO_GROUP, DEMO_INCIDENTS, DEMO_PAGE, DEMO_START_DATE, DEMO_TEMPLATES, type DemoIncident } from "./blip";
import { listTemplates } from "../db/queries/templates";
import { createTemplate } from "../writes/templates";

export interface DemoResult {
  page: PageRow;
  created: { pages: number; components: number; incidents: number; updates: number; templates: number };
}

/**
 * Loads the demo page through the same writes as the admin API. Idempotent: it looks for each
 * piece (page by name, component by name, incident by name and start, update by position) and only
 * writes what is missing, so a second run, or a run after an interrupted one, duplicates nothing.
 */
export async function loadDemo(db: Db, kv: KVNamespace, now: number): Promise<DemoResult> {
  const created = { pages: 0, components: 0, incidents: 0, updates: 0, templates: 0 };
  let page = (await listPages(db)).find((p) => p.name === DEMO_PAGE.name);
  if (!page) {
    page = (await createPage({ db, kv, now, actor: "demo" }, DEMO_PAGE)).page;
    created.pages++;
  } else if (page.settings.locales === undefined) {
    // A demo page loaded before pages had languages: give it the demo's, once.
    page = (await patchPage({ db, kv, page, now, actor: "demo", quiet: true }, { settings: DEMO_PAGE.settings })).page;
  }
  // Past incidents told to today's subscribers would be false alarms.
  const ctx: WriteContext = { db, kv, page, now, actor: "demo", quiet: true };

  const existing = new Map((await listComponents(db, page.id)).map((c) => [c.name, c]));
  const ensure = async (name: string, make: () => Promise<ComponentCommitted>) => {
    let row = existing.get(name);
    if (!row) {
      const made = await make();
      row = made.data.snapshot.components.find((c) => c.id === made.componentId)!;
      existing.set(name, row);
      created.components++;
    }
    return row;
  };
  for (const c of DEMO_COMPONENTS) {
    // The group is created where its first component appears, so display order follows the list.
    const group = c.group ? await ensure(DEMO_GROUP.name, () => createComponent(ctx, { ...DEMO_GROUP, group: true })) : null;
    await ensure(c.name, () => createComponent(ctx, { name: c.name, description: c.description, groupId: group?.id ?? null, startDate: DEMO_START_DATE }));
  }
  const idOf = (name: string) => existing.get(name)!.id;

  for (const incident of DEMO_INCIDENTS) {
    const result = await loadIncident(ctx, incident, idOf);
    created.incidents += result.created ? 1 : 0;
    created.updates += result.updates;
  }
  const templates = new Set((await listTemplates(db, page.id)).map((t) => `${t.kind}|${t.name}`));
  for (const t of DEMO_TEMPLATES.filter((t) => !templates.has(`${t.kind}|${t.name}`))) {
    await createTemplate(ctx, t);
    created.templates++;
  }
  return { page, created };
}

async function loadIncident(ctx: WriteContext, demo: DemoIncident, idOf: (name: string) => string) {
  const startedAt = Date.parse(demo.startedAt);
  const components = (u: DemoIncident["updates"][number]) => (u.components ?? []).map((c) => ({ componentId: idOf(c.name), status: c.status }));
  const [first, ...rest] = demo.updates;
  let event = await findEventByName(ctx.db, ctx.page.id, "incident", demo.name, startedAt);
  let updates = 0;
  const isNew = !event;
  if (!event) {
    const created = await createIncident(ctx, {
      name: demo.name,
      status: first!.status,
      body: first!.body,
      impact: demo.impact,
      startedAt,
      displayAt: Date.parse(first!.at),
      components: components(first!),
    });
    event = created.data.snapshot.events.find((e) => e.row.id === created.eventId)!.row;
    updates++;
  }
  for (const [i, u] of rest.entries()) {
    if (i + 1 < event.lastUpdateSeq) continue;
    await postIncidentUpdate(ctx, event.id, { status: u.status, body: u.body, displayAt: Date.parse(u.at), components: components(u) });
    updates++;
  }
  if (event.postmortemBody === null) await setPostmortem(ctx, event.id, demo.postmortem.body, Date.parse(demo.postmortem.at));
  return { created: isNew, updates };
}
