import { isD1Unavailable } from "../lib/errors";
import { ApiError } from "./api-error";

export const RETRY_AFTER_SECONDS = 30;

// A public body built from D1 that takes longer than this is given up for the last known good copy:
// a reader in an outage is better served by the status of a minute ago than by a spinner.
export const BUILD_DEADLINE_MS = 3_000;

export class DatabaseTimeout extends Error {
  constructor() {
    super(`D1 did not answer within ${BUILD_DEADLINE_MS} ms`);
  }
}

/** `work`, or a DatabaseTimeout after `ms`; the timer never outlives the answer. */
export async function withDeadline<T>(work: Promise<T>, ms = BUILD_DEADLINE_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeout()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return error instanceof DatabaseTimeout || isD1Unavailable(error);
}

export const databaseUnavailable = () =>
  new ApiError(
    503,
    "database_unavailable",
    "The database is not answering, so nothing was written. Try again in a moment.",
    [{ field: "database", message: "Unavailable." }],
    { "Retry-After": String(RETRY_AFTER_SECONDS) },
  );

export const statusUnavailable = () =>
  new ApiError(
    503,
    "status_unavailable",
    "Status temporarily unavailable: neither the database nor the cache is answering. Try again in a moment.",
    [
      { field: "database", message: "Unavailable." },
      { field: "cache", message: "Unavailable." },
    ],
    { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
  );

/** Bundled in the worker: the page people get when neither D1 nor KV answers (the only public 503). */
export const UNAVAILABLE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark"><title>Status temporarily unavailable</title></head><body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>Status temporarily unavailable</h1><p>This status page cannot reach its data right now, so it cannot tell you the current status. This says nothing about the services it reports on.</p><p>Please try again in a minute.</p></body></html>`;
