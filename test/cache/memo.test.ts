import { describe, expect, it } from "vitest";
import { MEMO_FRESH_MS, MEMO_STALE_MS, Memo } from "../../src/cache/memo";

/** A memo over a fake store whose reads the test counts, with a clock the test moves. */
function setup(maxBytes = 1_000) {
  let now = 1_000_000;
  const store = new Map<string, string>();
  let reads = 0;
  // While set, every read waits for it: a refresh stays in flight until the test opens the gate.
  let gate: Promise<void> | null = null;
  let open = () => {};
  const background: Promise<unknown>[] = [];
  const memo = new Memo<string | null>(
    (v) => (v ?? "").length,
    maxBytes,
    () => now,
  );
  const read = (key: string) =>
    memo.read(
      key,
      async () => {
        reads++;
        if (gate) await gate;
        return store.get(key) ?? null;
      },
      (work) => background.push(work),
    );
  return {
    memo,
    store,
    read,
    reads: () => reads,
    advance: (ms: number) => {
      now += ms;
    },
    settle: () => Promise.all(background.splice(0)),
    hold: () => {
      gate = new Promise((resolve) => {
        open = () => {
          gate = null;
          resolve();
        };
      });
    },
    release: () => open(),
  };
}

describe("the per-isolate memo in front of KV", () => {
  it("serves a value read in the last 2 s with no read at all", async () => {
    const t = setup();
    t.store.set("a", "one");
    expect(await t.read("a")).toBe("one");
    t.advance(MEMO_FRESH_MS - 1);
    t.store.set("a", "two");
    expect(await t.read("a")).toBe("one");
    expect(t.reads()).toBe(1);
  });

  it("serves an older value at once and refreshes it in the background, one refresh at a time", async () => {
    const t = setup();
    t.store.set("a", "one");
    await t.read("a");
    t.advance(MEMO_FRESH_MS + 1);
    t.store.set("a", "two");
    t.hold();
    expect(await t.read("a")).toBe("one");
    expect(await t.read("a")).toBe("one");
    t.release();
    await t.settle();
    expect(t.reads()).toBe(2);
    expect(await t.read("a")).toBe("two");
    expect(t.reads()).toBe(2);
  });

  it("reads inline once a value is older than 30 s", async () => {
    const t = setup();
    t.store.set("a", "one");
    await t.read("a");
    t.advance(MEMO_STALE_MS);
    t.store.set("a", "two");
    expect(await t.read("a")).toBe("two");
    expect(t.reads()).toBe(2);
  });

  it("shows a write in this isolate to its next read, and a refresh that started before it does not undo it", async () => {
    const t = setup();
    t.store.set("a", "old");
    await t.read("a");
    t.advance(MEMO_FRESH_MS + 1);
    // A background refresh starts and will read "old"…
    t.hold();
    expect(await t.read("a")).toBe("old");
    // …then this isolate writes "new" (to KV and to the memo) before the refresh lands.
    t.memo.set("a", "new");
    t.release();
    await t.settle();
    expect(await t.read("a")).toBe("new");
  });

  it("keeps at most its byte budget, dropping the least recently used first, and never keeps an oversized value", async () => {
    const t = setup(120);
    for (const key of ["a", "b", "c", "d", "e"]) t.store.set(key, key.repeat(30));
    for (const key of ["a", "b", "c", "a", "d"]) await t.read(key);
    expect(t.memo.size).toBe(4);
    await t.read("e");
    // Over budget: "b" was the least recently used ("a" was read again after it).
    expect(t.memo.bytes).toBeLessThanOrEqual(120);
    expect(t.memo.size).toBe(4);
    const before = t.reads();
    await t.read("a");
    expect(t.reads()).toBe(before);
    await t.read("b");
    expect(t.reads()).toBe(before + 1);
    // More than a quarter of the budget: read through every time.
    t.store.set("huge", "x".repeat(31));
    await t.read("huge");
    await t.read("huge");
    expect(t.reads()).toBe(before + 3);
  });

  it("keeps serving the value when a background refresh fails, until it is old enough to read inline", async () => {
    const t = setup();
    t.store.set("a", "one");
    await t.read("a");
    t.advance(MEMO_FRESH_MS + 1);
    let failing = true;
    const read = () =>
      t.memo.read(
        "a",
        async () => {
          if (failing) throw new Error("KV down");
          return "two";
        },
        () => undefined,
      );
    expect(await read()).toBe("one");
    failing = false;
    t.advance(MEMO_STALE_MS);
    expect(await read()).toBe("two");
  });

  it("keeps the object it holds when a refresh reads the same value, so what was computed from it is kept", async () => {
    let now = 0;
    let stored = { etag: "a", body: "one" };
    const memo = new Memo<{ etag: string; body: string }>(
      (v) => v.body.length,
      1_000,
      () => now,
      (held, read) => held.etag === read.etag,
    );
    const background: Promise<unknown>[] = [];
    const read = () =>
      memo.read(
        "k",
        async () => ({ ...stored }),
        (work) => background.push(work),
      );
    const first = await read();
    now += MEMO_FRESH_MS;
    await read();
    await Promise.all(background.splice(0));
    expect(await read()).toBe(first);

    stored = { etag: "b", body: "two" };
    now += MEMO_FRESH_MS;
    await read();
    await Promise.all(background.splice(0));
    const changed = await read();
    expect(changed).not.toBe(first);
    expect(changed.body).toBe("two");
  });
});
