// How long browsers and shared caches may keep a public answer, as the largest hosted status pages
// send it: fresh for 10 s, then served while revalidating for 20 s more, and for an hour if the origin
// fails. A write replaces the body in KV at once; these only bound how stale a cached copy gets.

/** JSON, HTML pages, feeds and the status line. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=10, s-maxage=10, stale-while-revalidate=20, stale-if-error=3600";

/** Badges: README proxies (camo) refetch rarely anyway; a minute is what they follow within. */
export const BADGE_CACHE_CONTROL = "public, max-age=60, s-maxage=60, stale-while-revalidate=60, stale-if-error=3600";

/** A last known good copy served while D1 fails: come back for live data soon. */
export const STALE_CACHE_CONTROL = "public, max-age=5";
