// Bench-only second baseline, never deployed: the two KV reads a warm public read needs (the
// routing record, then the body with its metadata) and nothing else. Locally KV is Miniflare's
// simulator inside the same workerd process, so this is the floor any KV-backed read can reach
// here; the gap between it and the constant route is the simulator's cost, not the app's.
const HEADERS = { "Content-Type": "application/json; charset=utf-8" };

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const routing = await env.CACHE.get(url.searchParams.get("routing"), "json");
    const { value, metadata } = await env.CACHE.getWithMetadata(url.searchParams.get("body"), "text");
    if (!routing || value === null) return new Response("kv-floor: keys not found", { status: 500 });
    return new Response(value, { headers: { ...HEADERS, ETag: metadata?.etag ?? "" } });
  },
};
