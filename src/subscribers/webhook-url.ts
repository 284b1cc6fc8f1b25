// A Worker cannot resolve a name before fetching it, so a webhook target is judged by its URL alone:
// https only, no credentials, no IP literals, and no name that can only mean something private.

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export interface UrlPolicy {
  /** Local mode (`npm start`): a developer may point a receiver at their own machine. */
  allowLoopback: boolean;
}

const IPV4_LITERAL = /^\d{1,3}(\.\d{1,3}){3}$/;
const PRIVATE_SUFFIXES = [
  ".local",
  ".localhost",
  ".internal",
  ".home.arpa",
  ".arpa",
  ".lan",
  ".intranet",
  ".corp",
  ".localdomain",
  ".test",
  ".invalid",
  ".example",
];
// Public names that answer with the address written in them ("10.0.0.1.nip.io") or always with
// 127.0.0.1: a URL check alone would let them reach a private network.
const ADDRESS_ECHO_DOMAINS = ["nip.io", "sslip.io", "xip.io", "localtest.me", "lvh.me", "vcap.me", "traefik.me", "lacolhost.com", "fbi.com", "1u.ms"];
const PRIVATE_NAMES = new Set(["localhost", "metadata", "metadata.google.internal", "instance-data"]);
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

const refuse = (reason: string): UrlCheck => ({ ok: false, reason });

/** Whether a webhook may be sent to `raw`, and the URL as it will be fetched. */
export function checkWebhookUrl(raw: string, policy: UrlPolicy): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return refuse("Not a URL.");
  }
  // The URL parser has already turned "2130706433", "0x7f.1" and the like into dotted IPv4.
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const loopback = LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host) || host.endsWith(".localhost");
  if (policy.allowLoopback && loopback) {
    return url.protocol === "http:" || url.protocol === "https:" ? { ok: true, url: url.href } : refuse("Only http(s) URLs.");
  }
  if (url.protocol !== "https:") return refuse("Only https:// URLs: deliveries carry your page's data.");
  if (url.username || url.password) return refuse("No credentials in the URL: they would travel in every delivery and every log.");
  if (IPV4_LITERAL.test(host) || host.startsWith("["))
    return refuse("A host name, not an IP address: private addresses cannot be told apart from public ones here.");
  if (!host.includes(".")) return refuse("A fully qualified host name (a name without a dot is a private one).");
  if (PRIVATE_NAMES.has(host) || PRIVATE_SUFFIXES.some((suffix) => host.endsWith(suffix))) return refuse("Not a private or local host name.");
  if (ADDRESS_ECHO_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`))) return refuse("Not a name that resolves to an address written in it.");
  return { ok: true, url: url.href };
}
