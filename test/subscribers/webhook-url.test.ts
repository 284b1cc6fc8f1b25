import { describe, expect, it } from "vitest";
import { checkWebhookUrl } from "../../src/subscribers/webhook-url";

const deployed = { allowLoopback: false };
const local = { allowLoopback: true };

describe("checkWebhookUrl: where a webhook may be sent", () => {
  it("accepts public https hosts, keeping path, query and port", () => {
    for (const url of ["https://hooks.slack.com/services/T0/B0/x", "https://example.com:8443/hook?key=1", "https://status-bot.example.co.uk/"]) {
      expect(checkWebhookUrl(url, deployed), url).toEqual({ ok: true, url: new URL(url).href });
    }
  });

  it("refuses plain http, other schemes and credentials in production", () => {
    for (const url of ["http://example.com/hook", "ftp://example.com/", "javascript:alert(1)", "https://user:pass@example.com/", "not a url"]) {
      expect(checkWebhookUrl(url, deployed).ok, url).toBe(false);
    }
  });

  it("refuses IP literals in every spelling the URL parser understands", () => {
    for (const url of [
      "https://10.0.0.1/",
      "https://169.254.169.254/latest/meta-data/",
      "https://2130706433/",
      "https://0x7f.0.0.1/",
      "https://127.1/",
      "https://[::1]/",
      "https://[fd00::1]/",
      "https://[::ffff:10.0.0.1]/",
      "https://100.64.0.1/",
    ]) {
      expect(checkWebhookUrl(url, deployed).ok, url).toBe(false);
    }
  });

  it("refuses names that can only be private: localhost, single labels, .local, .internal, metadata", () => {
    for (const url of [
      "https://localhost/",
      "https://LOCALHOST./",
      "https://api.localhost/",
      "https://intranet/",
      "https://printer.local/",
      "https://db.internal/",
      "https://metadata.google.internal/",
      "https://router.home.arpa/",
      "https://box.localdomain/",
      "https://hooks.test/",
      "https://1.0.0.127.in-addr.arpa/",
    ]) {
      expect(checkWebhookUrl(url, deployed).ok, url).toBe(false);
    }
  });

  it("refuses public names that answer with the address written in them", () => {
    for (const url of ["https://10.0.0.1.nip.io/", "https://169-254-169-254.sslip.io/x", "https://app.localtest.me/", "https://LVH.ME/"]) {
      expect(checkWebhookUrl(url, deployed).ok, url).toBe(false);
    }
    expect(checkWebhookUrl("https://nip.io.example.com/", deployed).ok).toBe(true);
  });

  it("lets a developer point a receiver at their own machine in local mode, and nowhere else private", () => {
    for (const url of ["http://localhost:9000/hook", "http://127.0.0.1:9000/hook", "http://[::1]:9000/"])
      expect(checkWebhookUrl(url, local).ok, url).toBe(true);
    for (const url of ["http://10.0.0.1/", "https://169.254.169.254/", "http://example.com/"]) expect(checkWebhookUrl(url, local).ok, url).toBe(false);
  });
});
