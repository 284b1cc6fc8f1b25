const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
// 252 is the largest multiple of 36 below 256: bytes at or above it are redrawn so every character is equally likely.
const LIMIT = 252;

export const ID_PATTERN = /^[a-z0-9]{12}$/;

/** A public id: 12 lowercase alphanumeric characters, as hosted status pages use. */
export function newId(): string {
  let id = "";
  while (id.length < 12) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < LIMIT && id.length < 12) id += ALPHABET[byte % 36];
    }
  }
  return id;
}
