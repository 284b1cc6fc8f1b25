import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { findIdempotencyKey, insertIdempotentResponse, storeIdempotentResponse } from "../db/queries/idempotency";
import type { IdempotencyKeyRow } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { IdempotencyKeyTaken } from "../lib/errors";
import { ApiError } from "./api-error";
import { respondWithError } from "./errors";
import { sha256Hex } from "../lib/hash";
import { isWriteMethod } from "./methods";

/** 1–255 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The key of an Idempotency-Key header; the draft's quoted sf-string form ("abc") is unquoted. Null if malformed. */
export function parseIdempotencyKey(header: string): string | null {
  const value = header.trim();
  const quoted = /^"([\x21\x23-\x5b\x5d-\x7e]+)"$/.exec(value);
  const key = quoted ? quoted[1]! : value;
  return IDEMPOTENCY_KEY_PATTERN.test(key) ? key : null;
}

const malformed = () =>
  new ApiError(400, "validation_failed", "The request did not pass validation; see details.", [
    { field: "header.idempotency-key", message: "An idempotency key is 1 to 255 visible ASCII characters." },
  ]);
const reused = () =>
  new ApiError(422, "idempotency_key_reused", "This Idempotency-Key was used for a different request; use a new key for a new request.", [
    { field: "header.idempotency-key", message: "Already used with another method, URL or body." },
  ]);
const inProgress = (retryAfterSeconds: number) =>
  new ApiError(
    409,
    "idempotency_key_in_progress",
    "A request with this Idempotency-Key is still being processed; retry shortly.",
    [{ field: "header.idempotency-key", message: "In progress." }],
    { "Retry-After": String(retryAfterSeconds) },
  );

function replay(row: { status: number; response: string | null }): Response {
  const headers: Record<string, string> = { "Idempotent-Replayed": "true" };
  if (row.response) headers["Content-Type"] = "application/json";
  return new Response(row.response || null, { status: row.status, headers });
}

/** After this long without a stored answer, a retry is told about the write instead of "in progress". */
export const IDEMPOTENCY_LEASE_MS = 60_000;

/** Presents a written resource ("incident:abc…") as the write's answer would have: for a retry whose first answer was lost. */
export type PresentResource = (c: Context<AppEnv>, resource: string) => Promise<unknown>;

/** The answer a request with an already used key gets: a replay, or the refusal to give (never thrown here). */
async function answerFor(c: Context<AppEnv>, row: IdempotencyKeyRow, fingerprint: string, present: PresentResource): Promise<Response | ApiError> {
  if (row.fingerprint !== fingerprint) return reused();
  if (row.status !== null) return replay({ status: row.status, response: row.response });
  const age = c.get("now") - row.createdAt;
  // No answer yet: the first request is still finishing (publishing), or died after its commit.
  if (row.resourceStatus === null || age < IDEMPOTENCY_LEASE_MS) {
    return inProgress(Math.min(60, Math.max(1, Math.ceil((IDEMPOTENCY_LEASE_MS - age) / 1000))));
  }
  // The write happened and its answer was lost: answer with what was written, as it is now.
  const body = row.resource === null ? "" : JSON.stringify(await present(c, row.resource));
  await storeIdempotentResponse(c.get("db"), row.key, row.resourceStatus, body).catch((error) => console.error("recovered answer not stored", row.key, error));
  return replay({ status: row.resourceStatus, response: body });
}

async function remember(c: Context<AppEnv>, db: Db, key: string, fingerprint: string): Promise<void> {
  const res = c.res;
  // A refusal wrote nothing (the claim is only ever written with a write): store nothing, so a
  // corrected retry with the same key runs.
  if (res.status < 200 || res.status >= 300) return;
  try {
    const body = await res.clone().text();
    // The write's own batch claimed the key; a success that wrote through no claim (the demo loader) is remembered after the fact.
    if (!(await storeIdempotentResponse(db, key, res.status, body))) await insertIdempotentResponse(db, key, fingerprint, c.get("now"), res.status, body);
  } catch (error) {
    console.error("idempotent response not stored", key, c.get("requestId"), error);
  }
}

/**
 * Idempotency-Key on admin writes (IETF httpapi idempotency-key draft): the same key and request
 * (method, URL, body) replay the first answer (with Idempotent-Replayed: true); the same key with
 * another request is 422. The key is claimed in the batch of the write itself, naming what it wrote,
 * so it exists exactly when the write happened; until the answer is stored (at most a lease of 60 s)
 * a retry gets 409, after it the retry is answered with what was written. Keys live 24 hours.
 */
export const idempotency = (present: PresentResource) =>
  createMiddleware<AppEnv>(async function idempotency(c, next) {
    const header = c.req.header("idempotency-key");
    if (!isWriteMethod(c.req.method) || header === undefined) return next();
    const key = parseIdempotencyKey(header);
    if (key === null) throw malformed();
    const url = new URL(c.req.url);
    const fingerprint = await sha256Hex(`${c.req.method} ${url.host}${url.pathname}${url.search}\n${await c.req.text()}`);
    const db = c.get("db");
    const now = c.get("now");
    const existing = await findIdempotencyKey(db, key, now);
    if (existing) {
      const answer = await answerFor(c, existing, fingerprint, present);
      if (answer instanceof ApiError) throw answer;
      return answer;
    }
    c.set("idempotency", { key, fingerprint });
    await next();
    if (c.error instanceof IdempotencyKeyTaken) {
      // Another request with this key wrote first: nothing of this one was written.
      const other = await findIdempotencyKey(db, key, now);
      const answer = other ? await answerFor(c, other, fingerprint, present) : inProgress(1);
      c.res = answer instanceof ApiError ? respondWithError(c, answer) : answer;
      return;
    }
    await remember(c, db, key, fingerprint);
  });
