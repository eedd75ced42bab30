import { describe, expect, it } from "vitest";
import { defaultSettings, migrateSettings } from "./settings";

describe("migrateSettings", () => {
  it("gives a version-1 store without capability edits an empty table", () => {
    const v1 = { ...defaultSettings(), modelCapabilities: undefined, contextWindows: { "gpt4-all": 8000 } };
    const migrated = migrateSettings(v1);
    expect(migrated.modelCapabilities).toEqual({});
    expect(migrated.contextWindows).toEqual({ "gpt4-all": 8000 });
  });

  it("keeps valid capability edits and drops broken ones", () => {
    const migrated = migrateSettings({ modelCapabilities: { "gpt4-all": { vision: true }, bad: { vision: "yes" }, worse: 3 } });
    expect(migrated.modelCapabilities).toEqual({ "gpt4-all": { vision: true } });
  });

  it("starts from the defaults for nothing stored", () => {
    expect(migrateSettings(null)).toEqual(defaultSettings());
  });
});
