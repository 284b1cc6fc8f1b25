// A per-isolate memory in front of KV for the public read path. An isolate serves many requests; a
// body it read a moment ago is served again with no I/O, which is what lets a flood of readers cost
// (almost) nothing. Bounded in bytes, least recently used first out.

/** Served from memory with no I/O. */
export const MEMO_FRESH_MS = 2_000;
/** Served from memory while one background read refreshes it; older than this it is read inline. */
export const MEMO_STALE_MS = 30_000;
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

interface Entry<T> {
  value: T;
  at: number;
  bytes: number;
  /** Bumped by every set: a background refresh started before a newer set must not overwrite it. */
  version: number;
}

export class Memo<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly refreshing = new Set<string>();
  private total = 0;
  private versions = 0;

  constructor(
    private readonly sizeOf: (value: T) => number,
    private readonly maxBytes = DEFAULT_MAX_BYTES,
    private readonly clock: () => number = () => Date.now(),
    /** Whether a value read again is the one already held: then the held object is kept, with what was computed from it. */
    private readonly same: (held: T, read: T) => boolean = () => false,
  ) {}

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * `key`'s value: from memory when read within MEMO_FRESH_MS; from memory when within
   * MEMO_STALE_MS, refreshed by one `load` at a time in the background (`background` keeps it alive:
   * the request's waitUntil; no request ever awaits it); otherwise `load`ed now. A failed background
   * load keeps the value until it is read inline.
   */
  async read(key: string, load: () => Promise<T>, background: (work: Promise<unknown>) => void): Promise<T> {
    const entry = this.entries.get(key);
    if (entry) {
      const age = this.clock() - entry.at;
      if (age < MEMO_STALE_MS) {
        this.touch(key, entry);
        if (age >= MEMO_FRESH_MS && !this.refreshing.has(key)) this.refresh(key, entry.version, load, background);
        return entry.value;
      }
    }
    const value = await load();
    this.set(key, value);
    return value;
  }

  private refresh(key: string, version: number, load: () => Promise<T>, background: (work: Promise<unknown>) => void): void {
    this.refreshing.add(key);
    const work = load()
      .then((value) => {
        if (this.entries.get(key)?.version === version) this.set(key, value);
      })
      .catch(() => undefined)
      .finally(() => this.refreshing.delete(key));
    background(work);
  }

  /** Remembers `value` as read or written now (a write in this isolate is seen by its next read). */
  set(key: string, read: T): void {
    const held = this.entries.get(key)?.value;
    const value = held !== undefined && this.same(held, read) ? held : read;
    const bytes = this.sizeOf(value);
    this.delete(key);
    // One value too large to keep alongside others is not kept at all.
    if (bytes > this.maxBytes / 4) return;
    this.entries.set(key, { value, at: this.clock(), bytes, version: ++this.versions });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  private touch(key: string, entry: Entry<T>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }
}
