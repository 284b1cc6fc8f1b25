// Standard Webhooks signing: what receivers' existing libraries verify. The key is the secret's
// decoded bytes, the signed content `${id}.${timestamp}.${body}`, the signature base64 HMAC-SHA256.

const PREFIX = "whsec_";
const SECRET_BYTES = 32;

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** A new signing secret: `whsec_` and base64 of 32 random bytes (the spec allows 24 to 64). */
export function newWebhookSecret(): string {
  return PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
}

/** Whether `secret` is one this module can sign with: `whsec_` and base64 of 24 to 64 bytes. */
export function isWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(PREFIX)) return false;
  try {
    const bytes = fromBase64(secret.slice(PREFIX.length));
    return bytes.length >= 24 && bytes.length <= 64;
  } catch {
    return false;
  }
}

async function hmac(secret: string, content: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", fromBase64(secret.slice(PREFIX.length)), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(content)));
}

export interface SignedMessage {
  /** The same on every retry of one message: receivers deduplicate on it. */
  id: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  /** The exact bytes sent. */
  body: string;
}

/**
 * The `webhook-signature` header: one `v1,<signature>` per secret, space-separated, so that while
 * a secret is being rotated both the old and the new one verify.
 */
export async function signatureHeader(secrets: readonly string[], message: SignedMessage): Promise<string> {
  const content = `${message.id}.${message.timestamp}.${message.body}`;
  const signatures = await Promise.all(secrets.map(async (secret) => `v1,${toBase64(await hmac(secret, content))}`));
  return signatures.join(" ");
}

/** The three headers of a delivery. */
export async function webhookHeaders(secrets: readonly string[], message: SignedMessage): Promise<Record<string, string>> {
  return {
    "webhook-id": message.id,
    "webhook-timestamp": String(message.timestamp),
    "webhook-signature": await signatureHeader(secrets, message),
  };
}

/**
 * A receiver's check, as the spec describes it (used by the local receiver and the tests): one of
 * the header's `v1` signatures matches, compared in constant time, and the timestamp is within
 * `toleranceSeconds` of `nowSeconds`.
 */
export async function verifySignature(secret: string, message: SignedMessage, header: string, nowSeconds: number, toleranceSeconds = 300): Promise<boolean> {
  if (Math.abs(nowSeconds - message.timestamp) > toleranceSeconds) return false;
  const expected = await hmac(secret, `${message.id}.${message.timestamp}.${message.body}`);
  let matched = false;
  for (const part of header.split(" ")) {
    const [version, signature = ""] = part.split(",", 2);
    if (version !== "v1") continue;
    let given: Uint8Array;
    try {
      given = fromBase64(signature);
    } catch {
      continue;
    }
    if (given.length === expected.length && crypto.subtle.timingSafeEqual(given, expected)) matched = true;
  }
  return matched;
}
