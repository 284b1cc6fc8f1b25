import { beforeAll, describe, expect, it } from "vitest";
import { createIncident, seedDemo } from "../../helpers/fixtures";
import { adminJson, getJson } from "../../helpers/http";
import { daysAhead } from "../admin/helpers";
import { cachedPage, currentPage, elements, get, main, section, text, texts, times } from "./html";

type Obj = Record<string, any>;

const NOVEMBER = "Desk and Portal inaccessible";
const SEPTEMBER = "Degraded performance on the BLiP";

let incidents: Obj[];
let components: Obj[];
const idOf = (list: Obj[], name: string) => list.find((x) => x.name === name)!.id as string;

beforeAll(async () => {
  await seedDemo();
  incidents = (await getJson("/api/v2/incidents.json")).json.incidents;
  components = (await getJson("/api/v2/components.json")).json.components;
});

describe("the November 2024 incident page", () => {
  let html: string;

  beforeAll(async () => {
    html = await cachedPage(`/incidents/${idOf(incidents, NOVEMBER)}`);
  });

  it("is headed by the incident's name, with its impact", () => {
    expect(texts(html, "h1")).toEqual([NOVEMBER]);
    expect(html).toContain('<article class="event im-major">');
    expect(html).toContain("<title>Desk and Portal inaccessible · Blip status</title>");
  });

  it("sums it up in one sentence, and names what it affected", () => {
    const body = text(main(html));
    expect(body).toContain("Blip experienced a major incident on November 14, 2024 affecting Desk and Portal, lasting 5h 23m");
    expect(body).toContain("This incident affected: Desk and Portal.");
  });

  it("lists the updates newest first, labelled by status, 'Update' when the status did not change", () => {
    const updates = section(html, "updates-h");
    expect(texts(updates, "h3")).toEqual(["Resolved", "Monitoring", "Identified", "Update", "Update", "Investigating"]);
    const items = elements(updates, "li");
    expect(text(items[0]!)).toContain("The workaround in our environment has restored the functionality");
    expect(text(items[5]!)).toContain("We are currently experiencing low performance on Blip Portal.");
  });

  it("says when each update was posted, in the page's zone, with the exact UTC time on hover", () => {
    const updates = section(html, "updates-h");
    const oldest = elements(updates, "li")[5]!;
    expect(text(oldest)).toContain("Posted Nov 14, 2024 - 08:56 GMT-3");
    expect(oldest).toContain('<time datetime="2024-11-14T11:56:00.000Z" title="2024-11-14 11:56 UTC">Nov 14, 2024 - 08:56 GMT-3</time>');
    expect(times(updates).map((t) => t.shown)).toEqual([
      "Nov 14, 2024 - 12:08 GMT-3",
      "Nov 14, 2024 - 11:25 GMT-3",
      "Nov 14, 2024 - 10:38 GMT-3",
      "Nov 14, 2024 - 09:07 GMT-3",
      "Nov 14, 2024 - 08:57 GMT-3",
      "Nov 14, 2024 - 08:56 GMT-3",
    ]);
  });

  it("says the zone of every time it shows, and gives its UTC instant", () => {
    const all = times(main(html));
    expect(all).toHaveLength(7);
    for (const t of all) {
      expect(t.shown).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4} - \d{2}:\d{2} GMT-3$/);
      expect(t.datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(t.title).toBe(`${t.datetime.slice(0, 10)} ${t.datetime.slice(11, 16)} UTC`);
    }
    expect(text(html)).toContain("Times are shown in GMT-3 (America/Sao_Paulo)");
  });

  it("renders the postmortem's markdown: bold labels, and \\(GMT-3\\) as (GMT-3)", () => {
    const postmortem = section(html, "pm-h");
    expect(postmortem).toContain("<strong>Start Time:</strong> 14/11/2024 ~05:21 (GMT-3)");
    expect(postmortem).toContain("<strong>Root Cause Analysis:</strong>");
    expect(postmortem).not.toContain("\\");
    expect(postmortem).not.toContain("**");
    expect(text(postmortem)).toContain("Posted Nov 14, 2024 - 12:11 GMT-3");
  });
});

describe("the September 2021 incident page", () => {
  let html: string;

  beforeAll(async () => {
    // Later writes moved the page to a new generation: this old page is rebuilt on its first read.
    html = await currentPage(`/incidents/${idOf(incidents, SEPTEMBER)}`);
  });

  it("names a group whose every component was affected as the group, with its components", () => {
    expect(text(main(html))).toContain(
      "This incident affected: Take Blip Platform (CRM, Core, Analytics, Artificial Intelligence, Portal, Cloud Infrastructure).",
    );
  });

  it("renders the postmortem's headings as h3, below the page's h1 and h2", () => {
    const postmortem = section(html, "pm-h");
    expect(texts(postmortem, "h3")).toEqual(["What happened", "How this issue impact you", "What we do to solve it", "Where we are now"]);
    expect(postmortem).not.toContain("###");
    expect(elements(postmortem, "li")).toHaveLength(2);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
  });

  it("renders the bold labels of the identified update", () => {
    expect(section(html, "updates-h")).toContain("<strong>Fault identified:</strong>");
  });
});

describe("markdown and names are rendered safely", () => {
  const BODY = [
    "Attack: <script>alert(1)</script>",
    "",
    "<img src=x onerror=alert(1)>",
    "",
    "[click me](javascript:alert(1)) and [details](https://example.com/status)",
    "",
    "**bold**",
  ].join("\n");
  let id: string;
  let html: string;

  beforeAll(async () => {
    const desk = idOf(components, "Desk");
    id = (await createIncident({ name: "Desk <script>alert(2)</script> down", body: BODY, components: [{ id: desk, status: "major_outage" }] })).id;
    html = await cachedPage(`/incidents/${id}`);
  });

  it("lets no raw HTML through: no script, no img, no event handler attribute", () => {
    const page = main(html);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).not.toMatch(/<[^>]+\son\w+\s*=/i);
    expect(text(section(html, "updates-h"))).toContain("Attack: <script>alert(1)</script>");
  });

  it("links no javascript: URL, and marks real links nofollow", () => {
    expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
    expect(html).toContain('<a href="https://example.com/status" rel="nofollow noopener noreferrer">details</a>');
  });

  it("still renders the markdown it should", () => {
    expect(section(html, "updates-h")).toContain("<strong>bold</strong>");
  });

  it("escapes an incident name, in the heading and in the document title", () => {
    expect(html).not.toContain("<script>alert(2)");
    expect(html).toContain("<h1>Desk &lt;script&gt;alert(2)&lt;/script&gt; down</h1>");
    expect(html).toContain("<title>Desk &lt;script&gt;alert(2)&lt;/script&gt; down · Blip status</title>");
  });

  it("is just as safe where the home page shows the latest update", async () => {
    const home = main(await cachedPage("/"));
    const card = section(home, "open-h");
    expect(card).toContain("<strong>bold</strong>");
    expect(card).not.toMatch(/<script|<img|href\s*=\s*["']?\s*javascript:/i);
    expect(card).toContain("Desk &lt;script&gt;alert(2)&lt;/script&gt; down");
  });
});

describe("an open incident page", () => {
  it("says the page is experiencing it and for how long", async () => {
    const portal = idOf(components, "Portal");
    const startedAt = new Date(Date.now() - (2 * 60 + 10) * 60_000).toISOString();
    const { id } = await createIncident({ name: "Portal login fails", started_at: startedAt, components: [{ id: portal, status: "partial_outage" }] });
    const html = await cachedPage(`/incidents/${id}`);
    const body = text(main(html));
    expect(body).toMatch(/Blip is experiencing an? \w+ incident affecting Portal, ongoing for 2h 10m/);
    expect(body).toContain("Investigating · ongoing for 2h 10m");
    expect(body).not.toContain("lasting");
    expect(body).toContain("This incident affected: Portal.");
  });
});

// A window a month ahead (plans may be at most 180 days out), 02:00–04:00 UTC.
const FROM = daysAhead(30, "02:00");
const UNTIL = daysAhead(30, "04:00");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Apr 30, 2030 - 23:00 GMT-3": São Paulo has kept UTC-3 all year since 2019. */
function inSaoPaulo(iso: string): string {
  const local = new Date(Date.parse(iso) - 3 * 3_600_000);
  const hhmm = local.toISOString().slice(11, 16);
  return `${MONTHS[local.getUTCMonth()]} ${local.getUTCDate()}, ${local.getUTCFullYear()} - ${hhmm} GMT-3`;
}

describe("a scheduled maintenance page", () => {
  let id: string;
  let html: string;

  beforeAll(async () => {
    const { status, json } = await adminJson("POST", "/maintenances", {
      name: "Database upgrade",
      body: "We are upgrading the **database**.",
      scheduled_for: FROM,
      scheduled_until: UNTIL,
      component_ids: [idOf(components, "Desk"), idOf(components, "Portal")],
    });
    expect(status, JSON.stringify(json)).toBe(201);
    id = json.scheduled_maintenance.id;
    html = await cachedPage(`/maintenances/${id}`);
  });

  it("shows the scheduled window in the page's zone, with UTC on hover", () => {
    expect(texts(html, "h1")).toEqual(["Database upgrade"]);
    // 02:00 UTC is 23:00 the evening before in São Paulo.
    expect(text(main(html))).toContain(`Scheduled for ${inSaoPaulo(FROM)} until ${inSaoPaulo(UNTIL)}`);
    expect(inSaoPaulo(FROM)).toMatch(/ - 23:00 GMT-3$/);
    expect(times(main(html)).slice(0, 2)).toEqual([
      { datetime: new Date(FROM).toISOString(), title: `${FROM.slice(0, 10)} 02:00 UTC`, shown: inSaoPaulo(FROM) },
      { datetime: new Date(UNTIL).toISOString(), title: `${UNTIL.slice(0, 10)} 04:00 UTC`, shown: inSaoPaulo(UNTIL) },
    ]);
  });

  it("names what it affects and renders its update", () => {
    expect(text(main(html))).toContain("This scheduled maintenance affected: Desk and Portal.");
    expect(texts(section(html, "updates-h"), "h3")).toEqual(["Scheduled"]);
    expect(section(html, "updates-h")).toContain("<strong>database</strong>");
  });

  it("is not an incident, and an incident is not a maintenance", async () => {
    expect((await get(`/incidents/${id}`)).res.status).toBe(404);
    expect((await get(`/maintenances/${idOf(incidents, NOVEMBER)}`)).res.status).toBe(404);
  });
});
