// A seeded generator: the same seed gives the same data set, so runs compare like with like.
const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (items) => items[Math.floor(next() * items.length)];
  return {
    next,
    int,
    pick,
    chance: (p) => next() < p,
    /** Picks by weight: `[[value, weight], ...]`. */
    weighted(pairs) {
      let r = next() * pairs.reduce((s, [, w]) => s + w, 0);
      for (const [value, w] of pairs) if ((r -= w) < 0) return value;
      return pairs[pairs.length - 1][0];
    },
    /** Log-normal around `median` (same unit), clamped to [min, max]. */
    logNormal(median, spread, min, max) {
      const gaussian = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return Math.min(max, Math.max(min, median * Math.exp(spread * gaussian)));
    },
    sample(items, count) {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, count);
    },
    /** An id shaped like the app's: 12 lowercase letters or digits. */
    id: () => Array.from({ length: 12 }, () => ALPHABET[Math.floor(next() * 36)]).join(""),
  };
}
