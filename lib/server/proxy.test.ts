import { describe, expect, it } from "vitest";
import { proxyOptionsResponse } from "./proxy";

// The rest of proxy.ts is exercised through relay.test.ts, proxy-request.test.ts and the e2e proxy tests.

describe("proxyOptionsResponse", () => {
  it("answers an allow-listed path 204 with exactly the method it takes", async () => {
    for (const [segments, allow] of [
      [["v1", "models"], "GET, OPTIONS"],
      [["v1", "chat", "completions"], "OPTIONS, POST"],
      [["dashboard", "billing", "usage"], "GET, OPTIONS"],
      [["v1", "dashboard", "billing", "subscription"], "GET, OPTIONS"],
    ] as const) {
      const res = proxyOptionsResponse(segments);
      expect(res.status, segments.join("/")).toBe(204);
      expect(res.headers.get("allow")).toBe(allow);
      expect(res.body).toBeNull();
      // Same origin only: nothing that would let a cross-origin preflight pass.
      expect([...res.headers.keys()].filter((k) => k.startsWith("access-control-"))).toEqual([]);
    }
  });

  it("answers anything else 404 path_not_allowed, as every other method", async () => {
    for (const segments of [["v1", "files"], ["v1", "models", ""], ["v1", "..", "models"], ["constructor"], []]) {
      const res = proxyOptionsResponse(segments);
      expect(res.status).toBe(404);
      expect(res.headers.get("allow")).toBeNull();
      expect(res.headers.get("content-type")).toContain("application/json");
      const { error } = await res.json();
      expect(error).toMatchObject({ code: "path_not_allowed", status: 404 });
      expect(error.message).toMatch(/^OPTIONS \//);
    }
  });
});
