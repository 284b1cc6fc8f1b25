import type { PageGeneration } from "../db/queries/pages";
import type { EventIds } from "../db/queries/event-ids";
import { localYear } from "../domain/time";
import { pageBodyKey } from "./keys";
import { type CachedBody, derivedFrom, parsedOrNull, readBodyMemo } from "./store";

/**
 * What a page has, kept in KV by the write path so that an id it never had (or a year before it
 * existed) answers 404 without asking D1: a loop of random ids costs KV reads, not D1 queries.
 */
export interface EventIndex {
  /** The page generation it was built at: an older index may miss a newer event, so it decides nothing. */
  generation: number;
  incident: ReadonlySet<string>;
  maintenance: ReadonlySet<string>;
  /** The first year the history can show (the page's time zone). */
  firstYear: number;
}

interface StoredIndex {
  incident: string;
  maintenance: string;
  firstYear: number;
}

export const eventIndexKey = (pageId: string) => pageBodyKey(pageId, "index");

/** The index body: ids space-separated (12 characters each, 5,000 events ≈ 65 KB), sorted. Every change writes it again (its generation moves). */
export function eventIndexBody(ids: EventIds, page: { createdAt: number; timeZone: string }): string {
  const earliest = Math.min(page.createdAt, ids.earliestStart ?? page.createdAt);
  const stored: StoredIndex = {
    incident: [...ids.incident].sort().join(" "),
    maintenance: [...ids.maintenance].sort().join(" "),
    firstYear: localYear(earliest, page.timeZone),
  };
  return JSON.stringify(stored);
}

const indexes = new WeakMap<CachedBody, EventIndex | null>();

function parseIndex(stored: CachedBody): EventIndex | null {
  return derivedFrom(indexes, stored, (body) => {
    const index = parsedOrNull<StoredIndex>(body);
    if (!index) return null;
    const set = (list: string) => new Set(list ? list.split(" ") : []);
    return { generation: stored.generation, incident: set(index.incident), maintenance: set(index.maintenance), firstYear: index.firstYear };
  });
}

/**
 * The page's index if it can be trusted: stored, and built at the page's current generation (or
 * later). Null means "ask D1", never "absent".
 */
export async function currentEventIndex(
  kv: KVNamespace,
  pageId: string,
  generation: PageGeneration,
  background: (work: Promise<unknown>) => void,
): Promise<EventIndex | null> {
  const stored = await readBodyMemo(kv, eventIndexKey(pageId), background).catch(() => null);
  const index = stored ? parseIndex(stored) : null;
  return index && index.generation >= generation.current ? index : null;
}

// An index can be current by its generation and still miss a new event: when KV refused the writes
// of the change that made it, the routing record is as old as the index. So "absent" is checked in
// D1, but at most once per 10 s per isolate: a loop of random ids costs D1 one cheap query per
// isolate every 10 s, and an event D1 confirms is remembered here, so its readers find it.
const CONFIRM_EVERY_MS = 10_000;
const REMEMBERED = 1_000;
let lastConfirmation = Number.NEGATIVE_INFINITY;
const confirmed = new Map<string, boolean>();

/** A new isolate's state (tests: `call()` is a request to a fresh isolate). */
export function forgetConfirmations(): void {
  lastConfirmation = Number.NEGATIVE_INFINITY;
  confirmed.clear();
}

/**
 * Whether the page may have this event: true without an index, or when the index has it; when it
 * does not, D1's answer if this isolate may ask now (`exists`), else what D1 said last time, else no.
 */
export async function mayHaveEvent(
  index: EventIndex | null,
  kind: "incident" | "maintenance",
  id: string,
  now: number,
  exists: () => Promise<boolean>,
): Promise<boolean> {
  if (index === null || index[kind].has(id)) return true;
  const key = `${kind}:${id}`;
  const known = confirmed.get(key);
  if (known !== undefined) return known;
  if (now - lastConfirmation < CONFIRM_EVERY_MS) return false;
  lastConfirmation = now;
  const found = await exists();
  if (confirmed.size >= REMEMBERED) confirmed.delete(confirmed.keys().next().value!);
  confirmed.set(key, found);
  return found;
}
