import { describe, expect, it } from "vitest";
import { clientKey } from "../../src/http/client-address";

describe("clientKey: who a failed sign-in is counted against", () => {
  it("counts an IPv4 client by its address", () => {
    expect(clientKey("203.0.113.7")).toBe("203.0.113.7");
    expect(clientKey(" 203.0.113.7 ")).toBe("203.0.113.7");
  });

  it("counts every address of one IPv6 /64 as one client, whatever its spelling", () => {
    const key = "2001:db8:1:2::/64";
    for (const ip of ["2001:db8:1:2::1", "2001:0db8:0001:0002:ffff:ffff:ffff:ffff", "2001:DB8:1:2:0:0:0:9", "[2001:db8:1:2::5]", "2001:db8:1:2::7%eth0"]) {
      expect(clientKey(ip), ip).toBe(key);
    }
    expect(clientKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
  });

  it("counts an IPv4-mapped IPv6 address as its IPv4 address, in either notation", () => {
    expect(clientKey("::ffff:198.51.100.4")).toBe("198.51.100.4");
    expect(clientKey("::ffff:c633:6404")).toBe("198.51.100.4");
  });

  it("keeps text that is no address as it is, so it cannot share a bucket with real clients", () => {
    for (const junk of ["zzzz::1", "1:2:3:4:5:6:7:8:9", "1::2::3", "300.1.1.1", "not an ip"]) expect(clientKey(junk), junk).toBe(junk);
  });
});
