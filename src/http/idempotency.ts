import { is } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { SQLiteDeleteBase, SQLiteInsertBase, SQLiteUpdateBase } from "drizzle-orm/sqlite-core";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import {
  claimIdempotencyKeyStatement,
  findIdempotencyKey,
  insertIdempotentResponse,
  storeIdempotentResponse,
} from "../db/queries/idempotency";
import type { IdempotencyKeyRow } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { ApiError, isUniqueViolation } from "../lib/errors";
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
const inProgress = () =>
  new ApiError(409, "idempotency_key_in_progress", "A request with this Idempotency-Key is still being processed; retry shortly.", [
    { field: "header.idempotency-key", message: "In progress." },
  ]);

function replay(row: IdempotencyKeyRow, fingerprint: string): Response {
  if (row.fingerprint !== fingerprint) throw reused();
  if (row.status === null) throw inProgress();
  const headers: Record<string, string> = { "Idempotent-Replayed": "true" };
  if (row.response) headers["Content-Type"] = "application/json";
  return new Response(row.response || null, { status: row.status, headers });
}

type Statement = BatchItem<"sqlite">;
type Statements = [Statement, ...Statement[]];

const isWrite = (item: unknown) => is(item, SQLiteInsertBase) || is(item, SQLiteUpdateBase) || is(item, SQLiteDeleteBase);

/**
 * `db` whose first batch that writes also inserts the key's claim row. D1 has no interactive
 * transactions, but a batch is atomic: the claim exists exactly when the write happened, and a
 * concurrent request with the same key fails on the primary key with nothing of its batch written.
 */
function claimingDb(db: Db, key: string, fingerprint: string, now: number): { db: Db; claimed: () => boolean } {
  let claimed = false;
  const batch = async (items: Statements) => {
    if (claimed || !items.some(isWrite)) return db.batch(items);
    try {
      const results = await db.batch([...items, claimIdempotencyKeyStatement(db, key, fingerprint, now)]);
      claimed = true;
      return results.slice(0, -1);
    } catch (error) {
      if (!isUniqueViolation(error, "idempotency_keys.key")) throw error;
      const other = await findIdempotencyKey(db, key, now);
      throw other && other.fingerprint !== fingerprint ? reused() : inProgress();
    }
  };
  return { db: Object.assign(Object.create(db) as Db, { batch }), claimed: () => claimed };
}

async function remember(c: Context<AppEnv>, db: Db, key: string, fingerprint: string, claimed: boolean): Promise<void> {
  const res = c.res;
  const ok = res.status >= 200 && res.status < 300;
  // Nothing was written (a refusal): store nothing, so a corrected retry with the same key runs.
  if (!claimed && !ok) return;
  try {
    const body = await res.clone().text();
    if (claimed) await storeIdempotentResponse(db, key, res.status, body);
    // A success that wrote outside a batch, or wrote nothing: remembered after the fact.
    else await insertIdempotentResponse(db, key, fingerprint, c.get("now"), res.status, body);
  } catch (error) {
    console.error("idempotent response not stored", key, c.get("requestId"), error);
  }
}

/**
 * Idempotency-Key on admin writes (IETF httpapi idempotency-key draft): the same key and request (method,
 * URL, body) replay the
 * first answer (with Idempotent-Replayed: true); the same key with another request is 422; a key
 * whose first request has written but not yet answered is 409. Keys live 24 hours.
 */
export const idempotency = () =>
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
    if (existing) return replay(existing, fingerprint);
    const claiming = claimingDb(db, key, fingerprint, now);
    c.set("db", claiming.db);
    await next();
    await remember(c, db, key, fingerprint, claiming.claimed());
  });
