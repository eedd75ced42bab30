import { Agent, EnvHttpProxyAgent } from "undici";
import { describe, expect, it } from "vitest";
import { relayUpstream } from "./relay";
import { fetchUpstream, getDispatcher } from "./upstream";
import { localUpstream, runUpstreamScenarios } from "./upstream-scenarios.test-support";

// fetchUpstream (fetch, for the route handler); the scenarios it shares with requestUpstream live
// in upstream-scenarios.test-support.ts.

const local = localUpstream();

describe("getDispatcher", () => {
  it("keeps one keep-alive pool per process and proxy setting", () => {
    const direct = getDispatcher({ outboundProxy: null });
    expect(direct).toBeInstanceOf(Agent);
    expect(getDispatcher({ outboundProxy: null })).toBe(direct);
    const proxied = getDispatcher({ outboundProxy: { httpsProxy: "http://127.0.0.1:3128" } });
    expect(proxied).toBeInstanceOf(EnvHttpProxyAgent);
    expect(proxied).not.toBe(direct);
  });
});

runUpstreamScenarios({ name: "fetchUpstream", call: fetchUpstream, relay: relayUpstream, read: (stream) => new Response(stream).text() }, local);
