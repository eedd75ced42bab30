import { describe, expect, it } from "vitest";
import { base64Length, dataUrlLength, envelopeBytes, formatBytes, messageBytes, rawBytesWithin, utf8Length } from "./request-bytes";
import { toWireMessage } from "./content-parts";
import type { ApiMessage, ImageRef } from "../types";

const bytesOfJson = (v: unknown) => Buffer.byteLength(JSON.stringify(v), "utf8");

describe("request bytes", () => {
  it("base64 and data-URL lengths are those of the real encoding", () => {
    for (const n of [0, 1, 2, 3, 4, 100, 1001]) expect(base64Length(n)).toBe(Buffer.alloc(n).toString("base64").length);
    const ref: ImageRef = { id: "a", mime: "image/webp", width: 1, height: 1, bytes: 1000 };
    expect(dataUrlLength(ref)).toBe(`data:image/webp;base64,${Buffer.alloc(1000).toString("base64")}`.length);
  });

  it("rawBytesWithin is the largest image whose data URL fits", () => {
    for (const room of [100, 1000, 4096, 12_345]) {
      const raw = rawBytesWithin(room, "image/jpeg");
      expect(dataUrlLength({ mime: "image/jpeg", bytes: raw })).toBeLessThanOrEqual(room);
      expect(dataUrlLength({ mime: "image/jpeg", bytes: raw + 3 })).toBeGreaterThan(room);
    }
    expect(rawBytesWithin(5, "image/jpeg")).toBe(0);
  });

  it("utf8Length counts like Buffer, surrogate pairs included", () => {
    for (const s of ["", "abc", "héllo", "你好，世界", "emoji 😀 ok", "\u0000\n\"\\", "lone \ud800 surrogate"]) {
      expect(utf8Length(s), s).toBe(Buffer.byteLength(s, "utf8"));
    }
  });

  it("a message's bytes are exactly those it adds to the JSON body", () => {
    const withUrls = (m: ApiMessage) => toWireMessage(m, (r) => `data:${r.mime};base64,${Buffer.alloc(r.bytes ?? 0, 7).toString("base64")}`);
    const messages: ApiMessage[] = [
      { role: "system", content: "You are brief." },
      { role: "user", content: "引号 \" and \\ and\nnewlines 😀" },
      { role: "user", content: "look", images: [{ id: "a", mime: "image/jpeg", width: 2, height: 2, bytes: 1234 }, { id: "b", mime: "image/png", width: 2, height: 2, bytes: 5 }] },
      { role: "user", content: "", images: [{ id: "c", mime: "image/gif", width: 2, height: 2, bytes: 77 }] },
    ];
    const envelope = { model: "gpt-4o", stream: true, temperature: 1 };
    const body = { ...envelope, messages: messages.map(withUrls) };
    const predicted = envelopeBytes(envelope) + messages.reduce((n, m) => n + messageBytes(m), 0) - 1;
    expect(predicted).toBe(bytesOfJson(body));
    // Cached text sizes answer the same the second time.
    expect(messageBytes(messages[1])).toBe(messageBytes({ ...messages[1] }));
  });
});

describe("formatBytes", () => {
  it("reads in MB (MiB, as nginx and MAX_REQUEST_MB count) above 1 MB, kB below", () => {
    expect(formatBytes(16 * 1024 * 1024)).toBe("16 MB");
    expect(formatBytes(4.5 * 1024 * 1024)).toBe("4.5 MB");
    expect(formatBytes(1536 * 1024)).toBe("1.5 MB");
    expect(formatBytes(300 * 1024)).toBe("300 kB");
    expect(formatBytes(10)).toBe("1 kB");
  });
});
