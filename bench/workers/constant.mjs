// Bench-only baseline worker, never deployed: the cheapest answer this runtime can give on this
// machine. It runs in the same Miniflare instance (same workerd process, same entry router) as the
// status page and is routed on /__bench/constant, so the two share everything but the work done.
const BODY = '{"status":"ok"}';
const HEADERS = { "Content-Type": "application/json; charset=utf-8" };

export default {
  fetch() {
    return new Response(BODY, { headers: HEADERS });
  },
};
