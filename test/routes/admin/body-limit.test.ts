import { beforeAll, describe, expect, it } from "vitest";
import { createPage } from "../../helpers/fixtures";
import { AUTH, call } from "../../helpers/http";
import { expectRefused, rowCount } from "./helpers";

const LIMIT = 64 * 1024;

/** A JSON body sent as a stream, in 4 KB chunks: no Content-Length, as with chunked transfer encoding. */
function chunked(json: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(json);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 4096));
      offset += 4096;
    },
  });
}

/** A valid component of `size` bytes: JSON allows any amount of whitespace. */
const component = (size: number) => {
  const json = JSON.stringify({ name: "Padded" });
  return json.slice(0, -1) + " ".repeat(size - json.length) + "}";
};

function postComponent(body: BodyInit, bindings?: Env, headers: Record<string, string> = {}) {
  return call("/api/admin/components", { method: "POST", headers: { ...AUTH, "Content-Type": "application/json", ...headers }, body }, bindings);
}

beforeAll(async () => {
  await createPage();
});

describe(`admin bodies over ${LIMIT / 1024} KB`, () => {
  it("are refused with 413 and the envelope when Content-Length says so, and nothing is written", async () => {
    await expectRefused((b) => postComponent(component(LIMIT + 1), b), { status: 413, code: "payload_too_large", field: "body" });
  });

  it("are refused with 413 and the envelope without Content-Length (streamed), and nothing is written", async () => {
    const request = new Request("http://status.test/", { method: "POST", body: chunked(component(LIMIT + 1)) });
    expect(request.headers.get("content-length")).toBeNull();
    await expectRefused((b) => postComponent(chunked(component(LIMIT + 1)), b), { status: 413, code: "payload_too_large", field: "body" });
    await expectRefused((b) => postComponent(chunked(component(LIMIT + 1)), b, { "Idempotency-Key": "streamed-too-large" }), {
      status: 413,
      code: "payload_too_large",
      field: "body",
    });
    expect(await rowCount("idempotency_keys", "key = ?", "streamed-too-large")).toBe(0);
  });

  it("are accepted streamed at exactly the limit", async () => {
    const res = await postComponent(chunked(component(LIMIT)));
    expect(res.status, await res.clone().text()).toBe(201);
  });
});
