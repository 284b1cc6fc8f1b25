// Targets, the printed tables and the JSON record. A missed target is reported, never fatal.
const KB = 1000;
export const HANDFUL_OF_STATEMENTS = 8;

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const pct = (ratio) => `${Math.round(ratio * 100)}%`;

export function evaluateTargets(r) {
  const route = (name) => r.routes.find((x) => x.name === name);
  const ratioTarget = (name, min) => ({
    name: `${name} throughput ≥ ${pct(min)} of constant`,
    measured: pct(route(name).ratio),
    pass: route(name).ratio >= min,
  });
  const warmQueries = r.routes.filter((x) => x.d1Statements !== null);
  return [
    ...["summary", "status", "badge"].map((n) => ratioTarget(n, 0.8)),
    ...["home", "incident"].map((n) => ratioTarget(n, 0.6)),
    {
      name: "warm public reads make 0 D1 queries",
      measured: warmQueries.map((x) => `${x.name}=${x.d1Statements}`).join(" "),
      pass: warmQueries.every((x) => x.d1Statements === 0),
    },
    {
      name: "unknown ids (1,000 random, 4 event routes, one isolate): 404, at most 1 D1 statement per 10 s",
      measured: `${r.unknownIds.d1Statements} statements in ${(r.unknownIds.ms / 1000).toFixed(1)} s; ${Object.entries(r.unknownIds.statuses)
        .map(([s, n]) => `${n}× ${s}`)
        .join(", ")}; ${r.unknownIds.kvReadsPerRequest} KV reads/request`,
      pass: r.unknownIds.d1Statements <= Math.ceil(r.unknownIds.ms / 10_000) && Object.keys(r.unknownIds.statuses).join() === "404",
    },
    { name: "cold summary build < 50 ms", measured: `${r.coldSummary.medianMs} ms`, pass: r.coldSummary.medianMs < 50 },
    {
      name: `cold summary build: a handful (≤ ${HANDFUL_OF_STATEMENTS}) of D1 statements`,
      measured: `${r.coldSummary.statements} in ${r.coldSummary.roundTrips} round trip(s)`,
      pass: r.coldSummary.statements <= HANDFUL_OF_STATEMENTS,
    },
    {
      name: "admin update with 3 component changes: ≤ 4 D1 round trips",
      measured: `${r.adminUpdate.roundTrips} round trips, ${r.adminUpdate.statements} statements`,
      pass: r.adminUpdate.roundTrips <= 4,
    },
    { name: "bundle < 250 KB gzipped", measured: kb(r.sizes.bundle.gzip), pass: r.sizes.bundle.gzip < 250 * KB },
    { name: "widget < 5 KB gzipped", measured: kb(r.sizes.widget.gzip), pass: r.sizes.widget.gzip < 5 * KB },
    { name: "home page ≤ 150 KB raw", measured: kb(r.sizes.home.raw), pass: r.sizes.home.raw <= 150 * KB },
    { name: "home HTML + CSS < 60 KB", measured: kb(r.sizes.home.raw + r.sizes.styles.raw), pass: r.sizes.home.raw + r.sizes.styles.raw < 60 * KB },
  ];
}

/** A Markdown table; the first column left-aligned, the others right-aligned unless `left`. */
function table(headers, rows, left = false) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const alignLeft = (i) => i === 0 || left;
  const line = (cells) => `| ${cells.map((c, i) => (alignLeft(i) ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (alignLeft(i) ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

const ms = (value) => (value === null ? "-" : value.toFixed(1));

function profileLines(profiles) {
  return [
    "CPU profile of the status page's isolate (--profile; busy = not idle, per request):",
    ...Object.entries(profiles).map(
      ([name, p]) =>
        `  ${name.padEnd(9)} ${String(p.busyMsPerRequest).padStart(6)} ms busy/request (${p.busyPctOfWall}% of wall): ${p.top
          .slice(0, 5)
          .map((t) => `${t.fn} ${t.pctOfBusy}%`)
          .join(", ")}`,
    ),
    "",
  ];
}

export function formatReport(r) {
  const m = r.machine;
  const lines = [
    "",
    `Edge Status benchmark (${r.mode}${r.mode.startsWith("quick") ? ": SMALLER data set, shorter runs, no minified build; compare full runs with full runs" : ""}${r.profiles ? "; inspector attached, so throughput is a little lower" : ""}), ${r.generatedAt}`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; Node ${m.node}; workerd ${m.workerd}; miniflare ${m.miniflare}; wrangler ${m.wrangler}`,
    `Load average (1 min) at start ${r.loadAverage.start}, before measuring ${r.loadAverage.beforeLoadTest}, at end ${r.loadAverage.end} (other work shares these cores)`,
    `Data: ${r.dataSet.components} components in ${r.dataSet.groups} groups, ${r.dataSet.incidents} incidents + ${r.dataSet.maintenances} maintenances over 3 years, ${r.dataSet.counts.incidentUpdates} updates, ${r.dataSet.counts.componentStatusChanges} status changes, 2 open incidents, 1 active maintenance (loaded in ${(r.durations.loadMs / 1000).toFixed(1)} s)`,
    `Load: autocannon, ${r.load.connections} connections; ${r.load.warmupSeconds} s warm-up of all routes together, then ${r.load.rounds} round(s) × ${r.load.seconds} s per route`,
    "",
    table(
      ["route", "req/s", "vs constant", "vs KV floor", "vs static file", "p50 ms", "p99 ms", "non-2xx", "D1 queries (warm)", "kvReads warm / first", "bytes"],
      r.routes.map((x) => [
        x.name === "kv-floor"
          ? "kv-floor (2 KV reads, no app)"
          : x.name === "static-file"
            ? "static-file /robots.txt (assets layer, no app)"
            : `${x.name} ${x.path}`,
        x.reqPerSec,
        pct(x.ratio),
        pct(x.ratioToKvFloor),
        x.ratioToStaticFile === undefined ? "-" : pct(x.ratioToStaticFile),
        ms(x.p50Ms),
        ms(x.p99Ms),
        x.non2xx + x.errors,
        x.d1Statements ?? "-",
        x.kvReadsWarm === null || x.kvReadsWarm === undefined ? "-" : `${x.kvReadsWarm} / ${x.kvReadsFirst}`,
        x.bytes ?? "-",
      ]),
    ),
    "",
    table(
      ["measure", "value"],
      [
        ["cold summary build (median)", `${r.coldSummary.medianMs} ms (runs: ${r.coldSummary.ms.join(", ")}; Cache-Status: ${r.coldSummary.cacheStatus})`],
        [
          "cold summary D1 work",
          `${r.coldSummary.statements} statements in ${r.coldSummary.roundTrips} round trip(s); probe: ${r.coldSummary.probe.workerMs} ms in the worker, ${r.coldSummary.probe.d1Ms} ms awaiting D1, of which SQLite reports ${r.coldSummary.probe.sqlMs} ms executing`,
        ],
        ["admin update incl. cache refresh (median)", `${r.adminUpdate.medianMs} ms (runs: ${r.adminUpdate.ms.join(", ")})`],
        [
          "component rename (page generation)",
          `${r.rename.generation.writeMs} ms, ${r.rename.generation.statements} statements in ${r.rename.generation.roundTrips} round trips, 0 KV writes for old bodies; each old body rebuilt on its first read: median ${r.rename.firstReadAfter.medianMs} ms, ${r.rename.firstReadAfter.statements} statements`,
        ],
        [
          "a full rewrite instead (estimate)",
          `${r.rename.fullRewrite.bodies} bodies (${r.rename.affectedEvents} events × JSON + HTML, ${r.rename.historyYears} years): ${r.rename.fullRewrite.kvWrites} KV writes, ~${r.rename.fullRewrite.estimatedMs} ms of builds, ~${r.rename.fullRewrite.d1Statements} D1 statements`,
        ],
        [
          "admin update D1 work",
          `${r.adminUpdate.statements} statements in ${r.adminUpdate.roundTrips} round trips; probe: ${r.adminUpdate.probe.workerMs} ms in the worker, ${r.adminUpdate.probe.d1Ms} ms awaiting D1 (SQLite reports ${r.adminUpdate.probe.sqlMs} ms)`,
        ],
        ...r.console.pages.map((p) => [
          `console: ${p.name}`,
          `${p.medianMs} ms (median), ${kb(p.raw)} HTML (${kb(p.gzip)} gzip), ${p.statements} D1 statements in ${p.roundTrips} round trips`,
        ]),
        [
          "console: update with 3 component changes",
          `${r.console.update.medianMs} ms (median; runs: ${r.console.update.ms.join(", ")}), ${r.console.update.statements} statements in ${r.console.update.roundTrips} round trips, then a 303`,
        ],
        [
          `subscribers: an incident told to ${r.subscribers.subscribers} email addresses`,
          `writer answered in ${r.subscribers.answerMs} ms (${r.subscribers.answerMsWithout} ms with none); all deliveries recorded and queued after ${r.subscribers.queuedMs ?? "> 60000"} ms; all mailed by the local queue's consumer after ${r.subscribers.mailedMs ?? "> 180000"} ms`,
        ],
        ...(r.languages
          ? [
              [
                "a second language (pt-BR) offered",
                `${r.languages.changeStatements} D1 statements; ${r.languages.publishedInPortuguese} Portuguese pages written by the change (every offered language is published), ${r.languages.filledInPortuguese} after the reads below; another isolate speaks it after ${r.languages.readersSeeItAfterMs ?? "> 65000"} ms`,
              ],
              ...Object.entries(r.languages.routes).map(([name, x]) => [
                `${name} in pt-BR`,
                `first read ${x.first.ms} ms, ${x.first.statements} D1 statements (${x.first.cacheStatus}); then median ${x.warm.medianMs} ms, ${x.warm.statements} statements, ${x.warm.kvReads} KV reads; ${kb(x.bytes.pt.raw)} (${kb(x.bytes.pt.gzip)} gzip) vs English ${kb(x.bytes.en.raw)} (${kb(x.bytes.en.gzip)} gzip)`,
              ]),
            ]
          : []),
        ["bundle (as deployed)", `${kb(r.sizes.bundle.raw)} raw, ${kb(r.sizes.bundle.gzip)} gzip (wrangler: ${r.sizes.bundle.wranglerSays})`],
        ["bundle with --minify", r.sizes.minified ? `${kb(r.sizes.minified.raw)} raw, ${kb(r.sizes.minified.gzip)} gzip` : "not built (--quick)"],
        ["largest in bundle", r.sizes.topContributors.map((c) => `${c.name} ${kb(c.bytes)}`).join(", ")],
        ["home page", `${kb(r.sizes.home.raw)} HTML (${kb(r.sizes.home.gzip)} gzip) + ${kb(r.sizes.styles.raw)} CSS`],
        ["widget.js", `${kb(r.sizes.widget.raw)} raw, ${kb(r.sizes.widget.gzip)} gzip`],
        ["worker log", `${r.workerLog.lines} lines, ${r.workerLog.errors} on stderr (${r.workerLog.file})`],
      ],
      true,
    ),
    "",
    ...(r.profiles ? profileLines(r.profiles) : []),
    "Targets (a miss is reported, not fatal):",
    ...r.targets.map((t) => `  ${t.pass ? "PASS" : "MISS"}  ${t.name}: ${t.measured}`),
    "",
  ];
  return lines.join("\n");
}
