import { describe, expect, it } from "vitest";
import { parseDoctorRequest } from "./doctor-request";

const bytes = (v: unknown) => new TextEncoder().encode(typeof v === "string" ? v : JSON.stringify(v));

describe("parseDoctorRequest", () => {
  it("reads the model and the identity flag", () => {
    expect(parseDoctorRequest(bytes({ model: " gpt-4o ", identity: true }))).toEqual({ model: "gpt-4o", identity: true });
    expect(parseDoctorRequest(bytes({ model: "gpt-4o" }))).toEqual({ model: "gpt-4o", identity: false });
  });

  it.each([
    ["not JSON", "{", /not valid JSON/],
    ["no model", { identity: true }, /model/],
    ["an empty model", { model: "  " }, /model/],
    ["a URL to probe", { model: "gpt-4o", baseUrl: "http://169.254.169.254" }, /baseUrl/],
    ["a host", { model: "gpt-4o", host: "evil.example" }, /host/],
    ["a wrong type", { model: "gpt-4o", identity: "yes" }, /identity/],
  ])("refuses %s with 400", (_name, body, message) => {
    expect(() => parseDoctorRequest(bytes(body))).toThrow(message);
    try {
      parseDoctorRequest(bytes(body));
    } catch (e) {
      expect((e as { status: number }).status).toBe(400);
    }
  });
});
