import { describe, expect, it } from "vitest";
import { canSendYet, startScreen, type StartFacts } from "./start-screen";

const base: StartFacts = { failed: false, codeRequired: null, started: false, verified: false, dictionaryReady: true };

describe("startScreen", () => {
  it("waits until the config says whether a code is needed", () => {
    expect(startScreen(base)).toBe("wait");
  });

  it("shows the chat before storage and config are applied when no code is needed", () => {
    expect(startScreen({ ...base, codeRequired: false })).toBe("chat");
  });

  it("waits for the language's dictionary so no other language flashes", () => {
    expect(startScreen({ ...base, codeRequired: false, dictionaryReady: false })).toBe("wait");
  });

  it("with a code required, waits for the stored code's check, then shows the gate or the chat", () => {
    expect(startScreen({ ...base, codeRequired: true })).toBe("wait");
    expect(startScreen({ ...base, codeRequired: true, started: true })).toBe("gate");
    expect(startScreen({ ...base, codeRequired: true, started: true, verified: true })).toBe("chat");
  });

  it("shows the error whatever else is known", () => {
    expect(startScreen({ ...base, failed: true, codeRequired: false, started: true, verified: true })).toBe("error");
  });
});

describe("canSendYet", () => {
  it("holds a send until the start is complete and the code accepted", () => {
    expect(canSendYet({ started: false, verified: true })).toBe(false);
    expect(canSendYet({ started: true, verified: false })).toBe(false);
    expect(canSendYet({ started: true, verified: true })).toBe(true);
  });
});
