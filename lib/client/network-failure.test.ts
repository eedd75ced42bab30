import { describe, expect, it, vi } from "vitest";
import { explainFetchFailure, networkError, type NetworkProbe } from "./network-failure";

const failed = new TypeError("Failed to fetch");
const probe = (online: boolean, reachable: boolean): NetworkProbe & { reachable: ReturnType<typeof vi.fn> } => ({
  onLine: () => online,
  reachable: vi.fn(async () => reachable),
});
const URL_ = "https://relay.example/v1/chat/completions";

describe("explainFetchFailure", () => {
  it("own key: an endpoint that answers a no-cors probe refused the page (CORS)", async () => {
    const p = probe(true, true);
    const e = await explainFetchFailure(failed, "direct", URL_, p);
    expect(e.code).toBe("direct_cors");
    expect(e.upstreamMessage).toContain("Failed to fetch");
    expect(p.reachable).toHaveBeenCalledWith(URL_);
  });

  it("own key: an endpoint that does not answer the probe either is unreachable", async () => {
    expect((await explainFetchFailure(failed, "direct", URL_, probe(true, false))).code).toBe("direct_unreachable");
  });

  it("offline comes first and probes nothing", async () => {
    const p = probe(false, true);
    expect((await explainFetchFailure(failed, "direct", URL_, p)).code).toBe("offline");
    expect((await explainFetchFailure(failed, "server", "/api/openai/v1/chat/completions", p)).code).toBe("offline");
    expect(p.reachable).not.toHaveBeenCalled();
  });

  it("a network that went away during the probe is offline, not unreachable", async () => {
    let online = true;
    const p: NetworkProbe = {
      onLine: () => online,
      reachable: async () => {
        online = false;
        return false;
      },
    };
    expect((await explainFetchFailure(failed, "direct", URL_, p)).code).toBe("offline");
  });

  it("through our server: the generic network error, without probing", async () => {
    const p = probe(true, true);
    expect((await explainFetchFailure(failed, "server", "/api/openai/v1/chat/completions", p)).code).toBe("network");
    expect(p.reachable).not.toHaveBeenCalled();
  });
});

describe("networkError", () => {
  it("names the path the call took, or offline", () => {
    expect(networkError(failed, "server", { onLine: () => true }).code).toBe("network");
    expect(networkError(failed, "direct", { onLine: () => true }).code).toBe("direct_unreachable");
    expect(networkError(failed, "server", { onLine: () => false }).code).toBe("offline");
  });
});
