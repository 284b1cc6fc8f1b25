import { sha256Hex } from "../lib/hash";
import { Memo } from "./memo";

export type ContentKind = "json" | "html" | "atom" | "rss";

export interface CachedBody {
  body: string;
  etag: string;
  generatedAt: number;
  contentType: ContentKind;
  /** The page generation the body was built from (0 for bodies stored before generations existed). */
  generation: number;
}

interface Metadata {
  etag: string;
  generatedAt: number;
  contentType?: ContentKind;
  generation?: number;
}

/** A strong ETag from the body's SHA-256, computed once when the body is stored. */
export async function strongEtag(body: string): Promise<string> {
  return `"${(await sha256Hex(body)).slice(0, 32)}"`;
}

// One memo per KV namespace binding; `forgetMemos` starts every one afresh (tests that change KV
// behind the app's back, or swap in a failing namespace, read through to KV).
let memoEpoch = 0;
const memos = new WeakMap<KVNamespace, { epoch: number; memo: Memo<CachedBody | null> }>();
// The string (two bytes a character) and its UTF-8 bytes or page template (encoded.ts: up to three).
const sizeOf = (value: CachedBody | null) => (value ? value.body.length * 5 + 200 : 64);

// The same stored body read again keeps its object, so its encoding and parsed forms (encoded.ts,
// the index and routing parsers) are not computed again at every refresh.
const sameBody = (held: CachedBody | null, read: CachedBody | null) =>
  held !== null && read !== null && held.etag === read.etag && held.generation === read.generation && held.generatedAt === read.generatedAt;

export function memoOf(kv: KVNamespace): Memo<CachedBody | null> {
  const known = memos.get(kv);
  if (known && known.epoch === memoEpoch) return known.memo;
  const memo = new Memo(sizeOf, undefined, undefined, sameBody);
  memos.set(kv, { epoch: memoEpoch, memo });
  return memo;
}

export function forgetMemos(): void {
  memoEpoch++;
}

/**
 * A body through this isolate's memo: no I/O when read in the last 2 s, a background refresh up to
 * 30 s, KV after that (see memo.ts). `background` is the request's waitUntil.
 */
export function readBodyMemo(kv: KVNamespace, key: string, background: (work: Promise<unknown>) => void): Promise<CachedBody | null> {
  return memoOf(kv).read(key, () => readBody(kv, key), background);
}

/**
 * What is computed from a stored body (its encoding, its parsed form), once per body this isolate
 * holds: the memo keeps the same object while the body is the same, so each is made once, not per
 * request.
 */
export function derivedFrom<T>(cache: WeakMap<CachedBody, T>, stored: CachedBody, make: (body: string) => T): T {
  if (!cache.has(stored)) cache.set(stored, make(stored.body));
  return cache.get(stored) as T;
}

/** A stored JSON body's value; null if it does not parse (then the reader goes to D1, as on a miss). */
export function parsedOrNull<T>(body: string): T | null {
  try {
    return JSON.parse(body) as T;
  } catch {
    return null;
  }
}

export async function readBody(kv: KVNamespace, key: string): Promise<CachedBody | null> {
  const { value, metadata } = await kv.getWithMetadata<Metadata>(key, "text");
  if (value === null || !metadata?.etag) return null;
  return {
    body: value,
    etag: metadata.etag,
    generatedAt: metadata.generatedAt,
    contentType: metadata.contentType ?? "json",
    generation: metadata.generation ?? 0,
  };
}

export interface WriteOptions {
  now: number;
  /** Seconds; KV refuses anything under 60. Omit for a body that only a later write replaces. */
  ttl?: number;
  /** Skip the write when the stored body is already this one (KV bills writes and allows 1/s per key). */
  skipIfSame?: boolean;
  contentType?: ContentKind;
  /** The page generation the body was built from. */
  generation?: number;
}

export async function writeBody(kv: KVNamespace, key: string, body: string, options: WriteOptions): Promise<CachedBody & { written: boolean }> {
  const etag = await strongEtag(body);
  const contentType = options.contentType ?? "json";
  const generation = options.generation ?? 0;
  if (options.skipIfSame) {
    const current = await kv.getWithMetadata<Metadata>(key, "text");
    // The same body stamped with an older generation is written again, or readers would rebuild it.
    const same = current.metadata?.etag === etag && (current.metadata.generation ?? 0) >= generation;
    if (same) {
      const stored = { body, etag, generatedAt: current.metadata!.generatedAt, contentType, generation: current.metadata!.generation ?? 0 };
      memoOf(kv).set(key, stored);
      return { ...stored, generation, written: false };
    }
  }
  const metadata: Metadata = { etag, generatedAt: options.now, contentType, generation };
  await putWithRetry(kv, key, body, {
    metadata,
    ...(options.ttl ? { expirationTtl: Math.max(60, options.ttl) } : {}),
  });
  const written = { body, etag, generatedAt: options.now, contentType, generation };
  // Read-your-writes in this isolate: its next reader gets this body, not the one read before.
  memoOf(kv).set(key, written);
  return { ...written, written: true };
}

// KV answers 429 to a second write of one key within a second: two quick admin writes must both land.
const RETRY_DELAYS_MS = [1100, 2200];

async function putWithRetry(kv: KVNamespace, key: string, body: string, options: KVNamespacePutOptions): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await kv.put(key, body, options);
      return;
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      // Only the per-key rate limit passes with waiting; any other failure is for the cron to heal.
      if (delay === undefined || !/429|too many requests/i.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

type WriteOutcome = PromiseSettledResult<{ written: boolean } | undefined>;

/**
 * Cache writes started now and counted later. Each is settled the moment it ends, so a KV failure
 * that arrives while the refresh is still awaiting D1 is never an unhandled rejection.
 */
export class PendingWrites {
  private readonly outcomes: Promise<WriteOutcome>[] = [];

  add(...writes: Promise<{ written: boolean } | undefined>[]): void {
    for (const write of writes) {
      this.outcomes.push(
        write.then(
          (value) => ({ status: "fulfilled", value }),
          (reason: unknown) => ({ status: "rejected", reason }),
        ),
      );
    }
  }

  settled(): Promise<WriteOutcome[]> {
    return Promise.all(this.outcomes);
  }
}
