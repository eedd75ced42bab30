import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress, PEER_HEADER, peerHookActive, UNKNOWN_CLIENT } from "./client-address";
import { installPeerAddressHook } from "./peer-address";

const h = (init: Record<string, string>) => new Headers(init);

describe("clientAddress without TRUST_PROXY", () => {
  const direct = { trustProxyHops: 0, peerHookActive: true };

  it("uses the socket address recorded by the hook and ignores forwarding headers", () => {
    const headers = h({ [PEER_HEADER]: "203.0.113.9", "x-forwarded-for": "1.1.1.1", "x-real-ip": "2.2.2.2" });
    expect(clientAddress(headers, direct)).toBe("203.0.113.9");
  });

  it("unwraps IPv4-mapped IPv6 addresses", () => {
    expect(clientAddress(h({ [PEER_HEADER]: "::ffff:127.0.0.1" }), direct)).toBe("127.0.0.1");
  });

  it("falls back to one shared bucket when the hook is not running, whatever the client sends", () => {
    const headers = h({ [PEER_HEADER]: "203.0.113.9", "x-forwarded-for": "1.1.1.1" });
    expect(clientAddress(headers, { trustProxyHops: 0, peerHookActive: false })).toBe(UNKNOWN_CLIENT);
  });

  it("uses the shared bucket when the hook recorded nothing", () => {
    expect(clientAddress(h({}), direct)).toBe(UNKNOWN_CLIENT);
  });
});

describe("clientAddress with TRUST_PROXY", () => {
  const one = { trustProxyHops: 1, peerHookActive: true };

  it("takes the entry the trusted proxy appended, not the spoofable leftmost one", () => {
    const headers = h({ "x-forwarded-for": "6.6.6.6, 198.51.100.7", [PEER_HEADER]: "10.0.0.2" });
    expect(clientAddress(headers, one)).toBe("198.51.100.7");
  });

  it("counts several hops from the right", () => {
    const headers = h({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 172.16.0.3" });
    expect(clientAddress(headers, { trustProxyHops: 2, peerHookActive: false })).toBe("198.51.100.7");
    expect(clientAddress(headers, { trustProxyHops: 9, peerHookActive: false })).toBe("6.6.6.6");
  });

  it("falls back to X-Real-IP, then to the peer", () => {
    expect(clientAddress(h({ "x-real-ip": "198.51.100.8" }), one)).toBe("198.51.100.8");
    expect(clientAddress(h({ [PEER_HEADER]: "10.0.0.2" }), one)).toBe("10.0.0.2");
  });

  it("strips ports and brackets and rejects junk", () => {
    expect(clientAddress(h({ "x-forwarded-for": "198.51.100.7:5555" }), one)).toBe("198.51.100.7");
    expect(clientAddress(h({ "x-forwarded-for": "[2001:db8::1]:443" }), one)).toBe("2001:db8::1");
    expect(clientAddress(h({ "x-forwarded-for": "<script>" }), { trustProxyHops: 1, peerHookActive: false })).toBe(UNKNOWN_CLIENT);
  });
});

describe("clientAddress with the socket's address passed in (the node:http fast path)", () => {
  it("uses it instead of PEER_HEADER, with the same clean-up, and ignores forwarding headers", () => {
    const headers = h({ [PEER_HEADER]: "6.6.6.6", "x-forwarded-for": "1.1.1.1" });
    expect(clientAddress(headers, { trustProxyHops: 0, peerHookActive: true, peerAddress: "::ffff:127.0.0.3" })).toBe("127.0.0.3");
    expect(clientAddress(headers, { trustProxyHops: 0, peerHookActive: false, peerAddress: "203.0.113.9" })).toBe("203.0.113.9");
  });

  it("falls back to the shared bucket for an empty address, and defers to X-Forwarded-For under TRUST_PROXY", () => {
    expect(clientAddress(h({}), { trustProxyHops: 0, peerHookActive: true, peerAddress: "" })).toBe(UNKNOWN_CLIENT);
    const headers = h({ "x-forwarded-for": "6.6.6.6, 198.51.100.7" });
    expect(clientAddress(headers, { trustProxyHops: 1, peerHookActive: true, peerAddress: "10.0.0.2" })).toBe("198.51.100.7");
    expect(clientAddress(h({}), { trustProxyHops: 1, peerHookActive: true, peerAddress: "10.0.0.2" })).toBe("10.0.0.2");
  });
});

describe("installPeerAddressHook", () => {
  it("records the socket address and overwrites a client-sent copy", async () => {
    installPeerAddressHook();
    installPeerAddressHook(); // idempotent
    expect(peerHookActive()).toBe(true);
    const server = http.createServer((req, res) => res.end(String(req.headers[PEER_HEADER])));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "6.6.6.6" } });
      expect(await res.text()).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
