import { describe, expect, it } from "vitest";
import { imagesOf, MISSING_IMAGE_TEXT, toWireMessage, toWireMessages } from "./content-parts";
import type { ApiMessage, ImageRef } from "../types";

const img = (id: string, mime = "image/jpeg"): ImageRef => ({ id, mime, width: 10, height: 10, bytes: 3 });
const url = (ref: ImageRef) => `data:${ref.mime};base64,QUJD`;

describe("toWireMessage", () => {
  it("keeps plain string content for a message without images", () => {
    expect(toWireMessage({ role: "user", content: "hi" }, url)).toEqual({ role: "user", content: "hi" });
    expect(toWireMessage({ role: "assistant", content: "a", images: [] }, url)).toEqual({ role: "assistant", content: "a" });
  });

  it("sends text then each image as an image_url part with its data URL", () => {
    const m: ApiMessage = { role: "user", content: "what is this?", images: [img("a"), img("b", "image/png")] };
    expect(toWireMessage(m, url)).toEqual({
      role: "user",
      content: [
        { type: "text", text: "what is this?" },
        { type: "image_url", image_url: { url: "data:image/jpeg;base64,QUJD" } },
        { type: "image_url", image_url: { url: "data:image/png;base64,QUJD" } },
      ],
    });
  });

  it("leaves out an empty text part, and says so where an image is gone", () => {
    const m: ApiMessage = { role: "user", content: "", images: [img("a"), img("gone")] };
    expect(toWireMessage(m, (r) => (r.id === "gone" ? null : url(r)))).toEqual({
      role: "user",
      content: [
        { type: "image_url", image_url: { url: "data:image/jpeg;base64,QUJD" } },
        { type: "text", text: MISSING_IMAGE_TEXT },
      ],
    });
  });

  it("maps a whole request and lists its images once each", () => {
    const messages: ApiMessage[] = [
      { role: "system", content: "s" },
      { role: "user", content: "1", images: [img("a")] },
      { role: "assistant", content: "2" },
      { role: "user", content: "3", images: [img("b"), img("a")] },
    ];
    expect(toWireMessages(messages, url).map((m) => typeof m.content)).toEqual(["string", "object", "string", "object"]);
    expect(imagesOf(messages).map((r) => r.id)).toEqual(["a", "b"]);
  });
});
