import { describe, expect, it, vi } from "vitest";
import { explainFetchFailure, networkError, startNotice, type NetworkProbe } from "./network-failure";

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
    expect(e.upstreamMessage).toBe("TypeError: Failed to fetch");
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

describe("the browser's own words", () => {
  it("are kept verbatim as the detail of offline, unreachable and CORS failures, without our English around them", async () => {
    const offline = networkError(failed, "server", { onLine: () => false });
    expect(offline.upstreamMessage).toBe("TypeError: Failed to fetch");
    expect((await explainFetchFailure(failed, "direct", URL_, probe(true, false))).upstreamMessage).toBe("TypeError: Failed to fetch");
    expect(networkError("socket hang up", "server", { onLine: () => false }).upstreamMessage).toBe("socket hang up");
  });
});

describe("startNotice", () => {
  it("tells this device being offline from a server that does not answer", () => {
    expect(startNotice(networkError(failed, "server", { onLine: () => false }))).toBe("notice.offlineStart");
    expect(startNotice(networkError(failed, "server", { onLine: () => true }))).toBe("notice.serverUnreachable");
    // A proxy's error page in front of a stopped app: the server, not this device.
    expect(startNotice({ code: "upstream_html" })).toBe("notice.serverUnreachable");
  });
});
