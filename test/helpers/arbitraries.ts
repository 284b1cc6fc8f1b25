// Generators of hostile input for the property tests (test/properties): text, JSON bodies,
// header values, hosts, query strings and path segments no well-behaved client sends.
import fc from "fast-check";
import { ADMIN_TOKEN } from "./http";
import { VALID_AUTH } from "./fuzz";

/** A single UTF-16 code unit of a surrogate pair, alone: not encodable as UTF-8. */
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n));

/** Characters that break parsers and templates: quotes, angle brackets, controls, separators, BOMs. */
const NASTY_CHARS = [
  '"',
  "'",
  "`",
  "<",
  ">",
  "&",
  "\\",
  "\u0000",
  "\u0008",
  "\u000b",
  "\r",
  "\n",
  "\t",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ufffe",
  "\uffff",
  "\u200b",
  "\u00a0",
  "\u202e",
  "%",
  "$",
  "{",
  "}",
];

/** Any text: random code points, the characters above and (unless told not to) lone surrogates. */
export const anyText = (maxLength = 40, { surrogates = true } = {}) =>
  fc.string({
    unit: fc.oneof(
      { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 4 },
      fc.constantFrom(...NASTY_CHARS),
      ...(surrogates ? [loneSurrogate] : []),
    ),
    maxLength,
  });

/** A value of any JSON type, or a plausible value of some other field, for where a field's value goes. */
export const wrongValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, -0),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("", " ", "\t\n", "null", "true", "0", "[]", "{}"),
  anyText(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  // Plausible values of the wrong field or out of range, so validation is reached past the type.
  fc.date({ min: new Date(-62_000_000_000_000), max: new Date(253_402_300_799_000), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    "2024-11-14T08:56:00-03:00",
    "2024-13-01T00:00:00Z",
    "2024-02-30T00:00:00Z",
    "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "2024-11-14",
    "2024-11-14T08:56:00",
  ),
  fc.constantFrom("investigating", "resolved", "postmortem", "major_outage", "in_progress", "completed", "critical", "maintenance", "Etc/UTC", "Mars/Olympus"),
  fc.constantFrom("zzzzzzzzzzzz", "ABCDEFGHIJKL", "abc", "a".repeat(13)),
);

/** An object key: random text, near-misses of real keys, and keys JavaScript treats specially. */
export const anyKey = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "Name",
    "name ",
    "NAME",
    "status\u0000",
    "",
    " ",
    "body.name",
    "components[0]",
  ),
);

export interface BodyCase {
  label: string;
  body: string | Uint8Array | null;
  contentType: string | null;
}

const utf8 = new TextEncoder();
const json = (label: string, value: unknown): BodyCase => ({ label, body: JSON.stringify(value), contentType: "application/json" });

/** Splices `bytes` into the UTF-8 text of `value` where the string "@@" is. */
function withBytes(value: unknown, bytes: readonly number[]): Uint8Array {
  const [before, after] = JSON.stringify(value).split("@@") as [string, string];
  return new Uint8Array([...utf8.encode(before), ...bytes, ...utf8.encode(after ?? "")]);
}

const NOT_JSON = [
  "{",
  "}",
  "[1,]",
  '{"a":1,}',
  "{'name': 'x'}",
  "name=x&body=y",
  "NaN",
  "undefined",
  "Infinity",
  "<xml/>",
  '{"a":1}{"b":2}',
  '"unterminated',
  "--",
  "\u0000",
  "// comment\n{}",
  '{"name": "x" /* c */}',
  "\ufeff\ufeff{}",
  "nul",
  "tru",
  "0x10",
  "01",
  "1.",
  ".5",
  "+1",
  '"\\x41"',
  '"\\u12"',
  "[" + "1,".repeat(100),
];

/** A body no valid client would send to a route whose valid body is `valid` and whose fields are `fields`. */
export function hostileBody(valid: Record<string, unknown>, fields: string[]): fc.Arbitrary<BodyCase> {
  const keys = fields.length > 0 ? fields : ["name"];
  const key = fc.constantFrom(...keys);
  return fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => json("any JSON value", v)) },
    { weight: 5, arbitrary: fc.tuple(key, wrongValue).map(([k, v]) => json(`wrong ${k}`, { ...valid, [k]: v })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.subarray(keys), fc.array(fc.tuple(key, wrongValue), { minLength: 1, maxLength: 4 }))
        .map(([drop, pairs]) =>
          json("fields dropped and replaced", Object.fromEntries([...Object.entries(valid).filter(([k]) => !drop.includes(k)), ...pairs])),
        ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          anyKey.filter((k) => !keys.includes(k)),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map(([k, v]) => ({
          label: `unknown key ${JSON.stringify(k)}`,
          body: JSON.stringify(valid)
            .replace(/^\{/, `{${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"},`)
            .replace(/,\}$/, "}"),
          contentType: "application/json",
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(key, fc.constantFrom(201, 1_001, 20_001, 65_536, 70_000, 300_000))
        .map(([k, n]) => json(`huge ${k} (${n})`, { ...valid, [k]: "x".repeat(n) })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(key, fc.constantFrom(201, 501, 5_000)).map(([k, n]) =>
        json(`${n} items in ${k}`, {
          ...valid,
          [k]: Array.from({ length: n }, (_, i) => ({ id: `c${String(i).padStart(11, "0")}`, status: "operational" })),
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(key, fc.constantFrom(10, 100, 1_000, 10_000), fc.boolean()).map(([k, depth, arrays]) => {
        const nested = arrays ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
        return {
          label: `${depth} levels deep in ${k}`,
          body: JSON.stringify({ ...valid, [k]: "@@" }).replace('"@@"', nested),
          contentType: "application/json",
        };
      }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(key, anyText(12), loneSurrogate, anyText(12)).map(([k, a, s, b]) => json(`lone surrogate in ${k}`, { ...valid, [k]: a + s + b })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(key, fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xc0, 0xaf], [0x00], [0xef, 0xbf, 0xbe]))
        .map(([k, bytes]) => ({
          label: `bytes ${bytes.map((b) => b.toString(16)).join(" ")} in ${k}`,
          body: withBytes({ ...valid, [k]: "a@@b" }, bytes),
          contentType: "application/json",
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.constantFrom(...NOT_JSON), fc.string({ maxLength: 30 }).filter(notJson))
        .map((text) => ({ label: "not JSON", body: text, contentType: "application/json" })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<BodyCase>(
        { label: "empty", body: "", contentType: "application/json" },
        { label: "no body", body: null, contentType: "application/json" },
        { label: "blank", body: " \r\n\t", contentType: "application/json" },
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/xml",
          "text/json",
          "application/jsonx",
          "application/json; charset=utf-16",
          "application/json;;",
          "application/json, text/plain",
          "APPLICATION/JSON",
          "application/merge-patch+json",
          "*/*",
          "",
          null,
        )
        .map((contentType) => ({ label: `content type ${JSON.stringify(contentType)}`, body: JSON.stringify(valid), contentType })),
    },
    {
      weight: 1,
      arbitrary: fc.constant<BodyCase>({
        label: "UTF-16 encoded JSON",
        body: new Uint8Array([...JSON.stringify(valid)].flatMap((ch) => [ch.charCodeAt(0) & 255, ch.charCodeAt(0) >> 8])),
        contentType: "application/json; charset=utf-16le",
      }),
    },
  );
}

function notJson(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

/** A header value a client could send (HTTP allows only these bytes). */
export const headerText = (maxLength = 60) =>
  fc.string({
    unit: fc.oneof(
      fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 1 }).filter((c) => c >= " " && c !== "\u007f"),
      fc.constantFrom("\t", '"', ",", ";", "="),
    ),
    maxLength,
  });

/** Authorization values that must be refused: wrong scheme, wrong or partial token, junk. */
export const brokenAuth: fc.Arbitrary<string | null> = fc
  .oneof(
    fc.constant(null),
    fc.constantFrom(
      "",
      "Bearer",
      "Bearer ",
      `Basic ${btoa(`admin:${ADMIN_TOKEN}`)}`,
      ADMIN_TOKEN,
      `Token ${ADMIN_TOKEN}`,
      `Bearer${ADMIN_TOKEN}`,
      `Bearer ${ADMIN_TOKEN.slice(0, -1)}`,
      `Bearer ${ADMIN_TOKEN}x`,
      `Bearer ${ADMIN_TOKEN.toUpperCase()}`,
      `Bearer "${ADMIN_TOKEN}"`,
      `Bearer ${ADMIN_TOKEN} ${ADMIN_TOKEN}`,
      `Bearer ${ADMIN_TOKEN},Bearer ${ADMIN_TOKEN}`,
      `Bearer ${"a".repeat(10_000)}`,
    ),
    headerText(80),
    headerText(80).map((t) => `Bearer ${t}`),
  )
  .filter((value) => value === null || !acceptedByServer(value));

/** The server's reading of Authorization (src/http/admin-auth.ts), to keep accepted values out of `brokenAuth`. */
function acceptedByServer(value: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(value.replace(/^[ \t]+|[ \t]+$/g, ""));
  return match !== null && match[1]!.trim() === ADMIN_TOKEN;
}

/** Authorization values that carry the right token in forms the API accepts. */
export const goodAuth = fc.constantFrom(VALID_AUTH, VALID_AUTH, VALID_AUTH, `bearer ${ADMIN_TOKEN}`, `BEARER ${ADMIN_TOKEN}`, `Bearer   ${ADMIN_TOKEN}`);

const httpDate = fc.date({ min: new Date(0), max: new Date(4_102_444_800_000), noInvalidDate: true }).map((d) => d.toUTCString());

/** Headers a confused or hostile client sends besides Authorization and Content-Type. */
export const noiseHeaders: fc.Arbitrary<[string, string][]> = fc
  .record(
    {
      accept: fc.oneof(fc.constantFrom("*/*", "text/html", "application/json", "image/svg+xml", "application/xml;q=0.9, */*;q=0.1", ""), headerText()),
      "if-none-match": fc.oneof(fc.constantFrom("*", '"x"', 'W/"x"', '"', ",,,", `"${"a".repeat(500)}"`), headerText()),
      "if-modified-since": fc.oneof(httpDate, headerText(30)),
      "idempotency-key": fc.oneof(fc.uuid(), fc.constantFrom("", " ", "a".repeat(1_000), "key-1", "key-1"), headerText(80)),
      date: fc.oneof(httpDate, fc.constantFrom("Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "yesterday", "0", "-1"), headerText(30)),
      origin: fc.constantFrom("https://evil.example", "null", "http://status.test"),
      "x-forwarded-for": fc.oneof(fc.ipV4(), headerText(30)),
      "accept-encoding": fc.constantFrom("gzip", "br", "identity;q=0", "*"),
      "x-http-method-override": fc.constantFrom("DELETE", "PUT", "GET"),
      cookie: headerText(40),
      range: fc.constantFrom("bytes=0-0", "bytes=-1", "bytes=abc"),
    },
    { requiredKeys: [] },
  )
  .map((record) => Object.entries(record).map(([k, v]) => [k, v] as [string, string]));

/** Host names a request may arrive on; unknown ones are served the default page. */
export const anyHost = fc.oneof(
  fc.constantFrom(
    "status.test",
    "status.test",
    "STATUS.TEST",
    "unknown.test",
    "127.0.0.1",
    "[::1]",
    "xn--bcher-kva.test",
    "a.b.c.d.e.f.test",
    "status.test:8787",
    "localhost",
  ),
  fc.domain(),
);

const queryPart = fc.oneof(
  fc.tuple(anyText(10), anyText(20)).map(([k, v]) => `${encodeURIComponent(wellFormedOrEmpty(k))}=${encodeURIComponent(wellFormedOrEmpty(v))}`),
  fc.constantFrom(
    "%",
    "%zz",
    "a=%E0%A4%A",
    "a=%ED%A0%80",
    "=",
    "&&",
    "a",
    "a=1&a=2",
    "label[]=x",
    "__proto__=x",
    "constructor[prototype]=1",
    "a=" + "b".repeat(3_000),
    "%00=%00",
    "theme=dark",
    "year=2024",
    "label=",
  ),
);

/** A query string (with its "?") or nothing: random pairs, malformed escapes, repeated keys. */
export const anyQuery = fc.oneof(
  fc.constant(""),
  fc.array(queryPart, { minLength: 1, maxLength: 4 }).map((parts) => `?${parts.join("&")}`),
);

function wellFormedOrEmpty(text: string): string {
  return /[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, "")) ? "" : text;
}

/** A path segment where an id goes: mostly `real`, else unknown, malformed or hostile. */
export const idSegment = (real: string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(real) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "zzzzzzzzzzzz",
        real.toUpperCase(),
        `${real}0`,
        real.slice(1),
        "%2e%2e",
        "..",
        "%00",
        "%2F",
        "%ED%A0%80",
        "a".repeat(2_000),
        "order",
        "null",
        "0",
        "-1",
        "1e3",
      ),
    },
    { weight: 1, arbitrary: anyText(20).map((t) => encodeURIComponent(wellFormedOrEmpty(t)) || "x") },
  );
