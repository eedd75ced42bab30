import { describe, expect, it } from "vitest";
import { claimConversation, isPreparing } from "./preparing";

describe("claimConversation", () => {
  it("lets one action hold a conversation at a time, per conversation, and releases once", () => {
    const release = claimConversation("c1");
    expect(release).not.toBeNull();
    expect(claimConversation("c1")).toBeNull();
    const other = claimConversation("c2");
    expect(other).not.toBeNull();
    release!();
    expect(isPreparing("c1")).toBe(false);
    expect(isPreparing("c2")).toBe(true);
    const again = claimConversation("c1");
    // A stale release (called twice) must not free the new holder's claim.
    release!();
    expect(isPreparing("c1")).toBe(true);
    again!();
    other!();
    expect(isPreparing("c2")).toBe(false);
  });
});
