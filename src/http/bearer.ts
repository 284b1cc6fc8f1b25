/** The token of an `Authorization: Bearer <token>` header ("" if empty); null without the Bearer scheme. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer(?:\s+(.*))?$/i.exec(authorization ?? "");
  return match ? (match[1] ?? "").trim() : null;
}
