// A page that offers a second language: what the change costs, and what a reader of that language
// costs the first time (built from D1, stored) and after (from KV), beside the page's own.
import { gzipSync } from "node:zlib";
import { request } from "./http.mjs";
import { median, probeRequest } from "./measures.mjs";
import { ADMIN_TOKEN } from "./server.mjs";

const sizes = (text) => ({ raw: Buffer.byteLength(text), gzip: gzipSync(text).length });

/** Offers pt-BR on the bench page, then reads its home and an incident page in both languages. */
export async function languageCost({ origin, probe, kv, pageId }, incidentId, reps) {
  const countKeys = async (locale) => (await kv.list({ prefix: `v1:page:${pageId}:html:${locale}:` })).keys.length;
  const change = await probeRequest(probe, "/api/admin/page", {
    method: "PATCH",
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ locales: ["en", "pt-BR"] }),
  });
  if (change.status !== 200) throw new Error(`offering pt-BR: ${change.status}`);
  const publishedInPortuguese = await countKeys("pt-BR");
  // Another isolate learns of the new language when its memo of the routing record refreshes.
  const offeredAt = Date.now();
  let readersSeeItAfterMs = null;
  while (Date.now() - offeredAt < 65_000) {
    const res = await request(`${origin}/?lang=pt-BR`);
    if (/<html lang="pt-BR"/.test(res.body.toString())) {
      readersSeeItAfterMs = Date.now() - offeredAt;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const routes = { home: "/", incident: `/incidents/${incidentId}` };
  const perRoute = {};
  for (const [name, path] of Object.entries(routes)) {
    const first = await probeRequest(probe, `${path}?lang=pt-BR`, { headers: { "x-bench-empty-memo": "1" } });
    const warm = [];
    for (let i = 0; i < reps; i++) warm.push(await probeRequest(probe, `${path}?lang=pt-BR`));
    const [en, pt] = await Promise.all([request(`${origin}${path}?lang=en`), request(`${origin}${path}?lang=pt-BR`)]);
    for (const [res, lang] of [
      [en, "en"],
      [pt, "pt-BR"],
    ]) {
      const said = /<html lang="([^"]+)"/.exec(res.body.toString())?.[1];
      if (res.status !== 200 || said !== lang) throw new Error(`${path}?lang=${lang}: ${res.status}, <html lang="${said}">`);
    }
    perRoute[name] = {
      first: { ms: first.answeredMs, statements: first.d1.statements, cacheStatus: first.cacheStatus },
      warm: {
        medianMs: median(warm.map((w) => w.answeredMs)),
        statements: Math.max(...warm.map((w) => w.d1.statements)),
        kvReads: median(warm.map((w) => w.kvReads)),
      },
      bytes: { en: sizes(en.body), pt: sizes(pt.body) },
    };
  }
  return { changeStatements: change.d1.statements, publishedInPortuguese, readersSeeItAfterMs, filledInPortuguese: await countKeys("pt-BR"), routes: perRoute };
}
