import type { Context } from "hono";
import type { AppEnv } from "../env";
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/;

function ipv4(text: string): number[] | null {
  const m = IPV4.exec(text);
  const octets = m?.slice(1).map(Number);
  return octets?.every((o) => o <= 255) ? octets : null;
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail counts as two); null if it is not one. */
function ipv6Groups(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (half: string): number[] | null => {
    if (half === "") return [];
    const parts = half.split(":");
    const groups: number[] = [];
    for (const [i, part] of parts.entries()) {
      const v4 = i === parts.length - 1 ? ipv4(part) : null;
      if (v4) groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      else if (HEX_GROUP.test(part)) groups.push(Number.parseInt(part, 16));
      else return null;
    }
    return groups;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  return [...head, ...Array<number>(Math.max(0, missing)).fill(0), ...tail];
}

/**
 * The key a client is counted under for rate limits: its IPv4 address, or the /64 of its IPv6
 * address, since one subscriber line is handed a whole /64 and could otherwise rotate through 2^64
 * addresses, each with a fresh allowance. An IPv4-mapped address counts as its IPv4 address; a
 * zone id or brackets are dropped; anything unparseable is counted as the text it is.
 */
export function clientKey(ip: string): string {
  const text = ip
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/%.*$/, "");
  const v4 = ipv4(text);
  if (v4) return v4.join(".");
  const groups = ipv6Groups(text);
  if (!groups) return text;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

/** The request's client as the limits count it (see clientKey); undefined when the platform did not say. */
export function requestClient(c: Context<AppEnv>): string | undefined {
  const address = c.req.header("cf-connecting-ip");
  return address ? clientKey(address) : undefined;
}
