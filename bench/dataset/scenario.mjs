// What operators did over the years, before any rule is applied: when each incident and maintenance
// was posted, with which status, words and requested component statuses. simulate.mjs then plays
// it through the app's lifecycle functions.
import { BODIES, fill, INCIDENT_NAMES, MAINTENANCE_BODIES, MAINTENANCE_NAMES, REGIONS } from "./catalog.mjs";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STAGES = ["investigating", "identified", "monitoring"];
const WORSE = { degraded_performance: "partial_outage", partial_outage: "major_outage", major_outage: "major_outage" };

function affectedComponents(random, groups) {
  if (random.chance(0.1)) return [];
  const group = random.pick(groups);
  const picked = random.sample(
    group,
    random.weighted([
      [1, 50],
      [2, 30],
      [3, 15],
      [4, 5],
    ]),
  );
  if (random.chance(0.08)) picked.push(random.pick(random.pick(groups)));
  return [...new Map(picked.map((c) => [c.id, c])).values()];
}

function statusPath(random, updates) {
  const first = random.chance(0.85) ? 0 : 1;
  const middle = Array.from({ length: updates - 2 }, () => random.int(first, 2)).sort();
  if (middle.length > 0 && random.chance(0.7)) middle[middle.length - 1] = 2;
  return [first, ...middle].map((i) => STAGES[i]).concat("resolved");
}

function incident(random, groups, start) {
  const components = affectedComponents(random, groups);
  const lead = components[0]?.name ?? "the platform";
  const region = random.pick(REGIONS);
  const duration = random.logNormal(70 * MINUTE, 0.9, 8 * MINUTE, 14 * HOUR);
  const statuses = statusPath(
    random,
    random.weighted([
      [3, 20],
      [4, 25],
      [5, 20],
      [6, 15],
      [7, 10],
      [8, 10],
    ]),
  );
  const times = [
    start,
    ...Array.from({ length: statuses.length - 2 }, () => start + 1 + Math.floor(random.next() * (duration - 2))).sort((a, b) => a - b),
    start + duration,
  ];
  let severity = random.weighted([
    ["degraded_performance", 50],
    ["partial_outage", 35],
    ["major_outage", 15],
  ]);
  let cleared = false;
  const updates = statuses.map((status, i) => {
    let requested = [];
    if (i === 0) requested = components.map((c) => ({ componentId: c.id, status: severity }));
    else if (status === "identified" && components.length > 0 && random.chance(0.25)) {
      severity = WORSE[severity];
      requested = [{ componentId: components[0].id, status: severity }];
    } else if (status === "monitoring" && !cleared && random.chance(0.45)) {
      cleared = true;
      requested = components.map((c) => ({ componentId: c.id, status: "operational" }));
    } else if (status === "resolved" && random.chance(0.1)) requested = components.map((c) => ({ componentId: c.id, status: "operational" }));
    return { at: Math.round(times[i] + i), status, body: fill(random.pick(BODIES[status]), lead, region), components: requested };
  });
  return {
    kind: "incident",
    name: fill(random.pick(INCIDENT_NAMES), lead, region),
    // Impact often starts before anyone posts: started_at may precede the first update.
    startedAt: random.chance(0.3) ? start - random.int(1, 20) * MINUTE : start,
    impactOverride: random.chance(0.04) ? random.pick(["minor", "major"]) : null,
    lead,
    region,
    updates,
  };
}

function maintenance(random, groups, scheduledFor) {
  const group = random.pick(groups);
  const components = random.sample(group, random.int(1, Math.min(6, group.length)));
  const lead = components[0].name;
  const region = random.pick(REGIONS);
  const scheduledUntil =
    scheduledFor +
    random.weighted([
      [1, 30],
      [2, 35],
      [4, 25],
      [6, 10],
    ]) *
      HOUR;
  const say = (status) => fill(MAINTENANCE_BODIES[status], lead, region);
  const createdAt = scheduledFor - random.int(2, 10) * DAY;
  const autoStart = random.chance(0.6);
  const updates = [{ at: createdAt, status: "scheduled", body: say("scheduled"), components: [] }];
  if (random.chance(0.05)) {
    updates.push({ at: scheduledFor - random.int(1, 40) * HOUR, status: "completed", cancel: true, body: say("cancelled"), components: [] });
  } else {
    const start = autoStart ? scheduledFor : scheduledFor + random.int(0, 10) * MINUTE;
    const end = Math.max(start + 10 * MINUTE, scheduledUntil + random.int(-30, 30) * MINUTE);
    updates.push({ at: start, status: "in_progress", body: say("in_progress"), components: [] });
    if (random.chance(0.4)) updates.push({ at: Math.max(start + 1, end - 15 * MINUTE), status: "verifying", body: say("verifying"), components: [] });
    updates.push({ at: end, status: "completed", body: say("completed"), components: [] });
  }
  const name = fill(random.pick(MAINTENANCE_NAMES), lead, region);
  return {
    kind: "maintenance",
    name,
    scheduledFor,
    scheduledUntil,
    autoStart,
    autoComplete: random.chance(0.5),
    componentIds: components.map((c) => c.id),
    updates,
  };
}

/** Incidents and maintenances spread over [from, to), each with its updates in posting order. */
export function buildScenario(random, { groups, from, to, incidents, maintenances }) {
  const span = to - from;
  const events = [];
  for (let i = 0; i < incidents; i++) events.push(incident(random, groups, from + Math.floor(random.next() * span)));
  for (let i = 0; i < maintenances; i++) {
    const at = from + 10 * DAY + Math.floor(random.next() * (span - 11 * DAY));
    events.push(maintenance(random, groups, at - (at % (30 * MINUTE))));
  }
  return events;
}
