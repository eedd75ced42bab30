import { beforeEach, describe, expect, it, vi } from "vitest";

// The send path itself is stood in for: what is tested is when it counts as loaded.
const sendPath = () => ({ sendMessage: vi.fn(), regenerate: vi.fn() });

beforeEach(() => {
  vi.resetModules();
  vi.doMock("./chat-actions", sendPath);
});

describe("send path", () => {
  it("is not loaded until asked for, then loaded once and kept", async () => {
    const { loadSendPath, sendPathNow, useSendPath } = await import("./send-path");
    expect(sendPathNow()).toBeNull();
    expect(useSendPath.getState().loaded).toBe(false);
    const first = await loadSendPath();
    expect(typeof first.sendMessage).toBe("function");
    expect(useSendPath.getState().loaded).toBe(true);
    expect(sendPathNow()).toBe(first);
    expect(await loadSendPath()).toBe(first);
  });

  it("a failed load stays unloaded and may be tried again", async () => {
    vi.doMock("./chat-actions", () => {
      throw new Error("chunk not reachable");
    });
    const { loadSendPath, sendPathNow, useSendPath } = await import("./send-path");
    await expect(loadSendPath()).rejects.toThrow();
    vi.doMock("./chat-actions", sendPath);
    expect(useSendPath.getState().loaded).toBe(false);
    expect(sendPathNow()).toBeNull();
    const again = await loadSendPath();
    expect(typeof again.sendMessage).toBe("function");
    expect(useSendPath.getState().loaded).toBe(true);
  });
});
