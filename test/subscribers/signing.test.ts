import { describe, expect, it } from "vitest";
import { isWebhookSecret, newWebhookSecret, signatureHeader, verifySignature, webhookHeaders } from "../../src/subscribers/signing";

// The Standard Webhooks specification's published test vector: a receiver's library verifies what we send.
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  message: { id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1614265330, body: '{"test": 2432232314}' },
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

describe("Standard Webhooks signing", () => {
  it("reproduces the specification's test vector exactly", async () => {
    expect(await signatureHeader([VECTOR.secret], VECTOR.message)).toBe(VECTOR.signature);
    expect(await webhookHeaders([VECTOR.secret], VECTOR.message)).toEqual({
      "webhook-id": VECTOR.message.id,
      "webhook-timestamp": "1614265330",
      "webhook-signature": VECTOR.signature,
    });
  });

  it("signs with every secret during a rotation, and each one verifies", async () => {
    const next = newWebhookSecret();
    const header = await signatureHeader([VECTOR.secret, next], VECTOR.message);
    expect(header.split(" ")).toHaveLength(2);
    expect(header.startsWith(`${VECTOR.signature} v1,`)).toBe(true);
    expect(await verifySignature(VECTOR.secret, VECTOR.message, header, VECTOR.message.timestamp)).toBe(true);
    expect(await verifySignature(next, VECTOR.message, header, VECTOR.message.timestamp)).toBe(true);
  });

  it("fails verification for another body, another secret, a stale timestamp or a malformed header", async () => {
    const now = VECTOR.message.timestamp;
    expect(await verifySignature(VECTOR.secret, { ...VECTOR.message, body: '{"test": 2432232315}' }, VECTOR.signature, now)).toBe(false);
    expect(await verifySignature(newWebhookSecret(), VECTOR.message, VECTOR.signature, now)).toBe(false);
    expect(await verifySignature(VECTOR.secret, VECTOR.message, VECTOR.signature, now + 301)).toBe(false);
    expect(await verifySignature(VECTOR.secret, VECTOR.message, "v1,not*base64 v2,abc", now)).toBe(false);
  });

  it("makes secrets of 32 random bytes in the whsec_ format, never the same twice", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(isWebhookSecret(a)).toBe(true);
    expect(newWebhookSecret()).not.toBe(a);
    for (const bad of ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_short", "whsec_***"]) expect(isWebhookSecret(bad), bad).toBe(false);
  });
});
