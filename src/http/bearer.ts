/** The token of an `Authorization: Bearer <token>` header ("" if empty); null without the Bearer scheme. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer(?:\s+(.*))?$/i.exec(authorization ?? "");
  return match ? (match[1] ?? "").trim() : null;
}

export function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

export async function sha256Hex(text: string): Promise<string> {
  return [...new Uint8Array(await sha256(text))].map((b) => b.toString(16).padStart(2, "0")).join("");
}
