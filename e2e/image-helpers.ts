// Helpers of e2e/images.spec.ts: images drawn by the page, their sizes read back from the bytes the
// mock upstream received, and files delivered as a paste or a drop.
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import type { MockUpstream } from "./mock-upstream.mjs";

export type Kind = "gradient" | "noise" | "transparent";

/** A PNG drawn by the page's canvas: a gradient (compresses well), noise (does not), or a shape on transparency. */
export async function makePng(page: Page, width: number, height: number, kind: Kind): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ width, height, kind }) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext("2d")!;
      if (kind === "noise") {
        const img = ctx.createImageData(width, height);
        for (let i = 0; i < img.data.length; i += 65536) crypto.getRandomValues(img.data.subarray(i, i + 65536));
        for (let i = 3; i < img.data.length; i += 4) img.data[i] = 255;
        ctx.putImageData(img, 0, 0);
      } else if (kind === "gradient") {
        const g = ctx.createLinearGradient(0, 0, width, height);
        g.addColorStop(0, "#0ea5e9");
        g.addColorStop(1, "#f97316");
        ctx.fillStyle = g;
        ctx.fillRect(0, 0, width, height);
        ctx.fillStyle = "#fff";
        ctx.font = `${Math.round(height / 6)}px sans-serif`;
        ctx.fillText("RelayChat", width / 10, height / 2);
      } else {
        ctx.fillStyle = "#16a34a";
        ctx.beginPath();
        ctx.arc(width / 2, height / 2, Math.min(width, height) / 3, 0, Math.PI * 2);
        ctx.fill();
      }
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: "image/png" })).arrayBuffer());
      let binary = "";
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    { width, height, kind },
  );
  return Buffer.from(base64, "base64");
}

/** Width and height from the image's own header (PNG IHDR, JPEG SOFn, WebP VP8/VP8L/VP8X). */
export function imageSize(buf: Buffer): { type: string; width: number; height: number } {
  if (buf.readUInt32BE(0) === 0x89504e47) return { type: "image/png", width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  if (buf[0] === 0xff && buf[1] === 0xd8) {
    for (let i = 2; i + 9 < buf.length; ) {
      if (buf[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = buf[i + 1];
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { type: "image/jpeg", height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
      i += 2 + buf.readUInt16BE(i + 2);
    }
  }
  if (buf.toString("ascii", 0, 4) === "RIFF" && buf.toString("ascii", 8, 12) === "WEBP") {
    const chunk = buf.toString("ascii", 12, 16);
    if (chunk === "VP8X") return { type: "image/webp", width: 1 + buf.readUIntLE(24, 3), height: 1 + buf.readUIntLE(27, 3) };
    if (chunk === "VP8L") {
      const bits = buf.readUInt32LE(21);
      return { type: "image/webp", width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    return { type: "image/webp", width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
  }
  throw new Error("not an image this test knows");
}

export interface SentImage {
  messageIndex: number;
  mime: string;
  bytes: Buffer;
}

/** The image_url parts of a recorded chat request, decoded from their data URLs. */
export function sentImages(body: { messages: Array<{ content: unknown }> }): SentImage[] {
  const out: SentImage[] = [];
  body.messages.forEach((m, messageIndex) => {
    if (!Array.isArray(m.content)) return;
    for (const part of m.content as Array<{ type: string; image_url?: { url: string } }>) {
      if (part.type !== "image_url") continue;
      const match = /^data:(image\/[a-z]+);base64,([A-Za-z0-9+/=]+)$/.exec(part.image_url!.url);
      if (!match) throw new Error(`not a base64 data URL: ${part.image_url!.url.slice(0, 40)}`);
      out.push({ messageIndex, mime: match[1], bytes: Buffer.from(match[2], "base64") });
    }
  });
  return out;
}

export const chatRequests = (mock: MockUpstream) => mock.requests.filter((r) => r.path.endsWith("/chat/completions"));

export async function attach(page: Page, name: string, buffer: Buffer, mimeType = "image/png") {
  await page.getByTestId("attach-image").setInputFiles({ name, mimeType, buffer });
}

/** Waits until every pending image is encoded and stored. */
export async function pendingReady(page: Page, count: number) {
  const items = page.getByTestId("pending-image");
  await expect(items).toHaveCount(count);
  for (let i = 0; i < count; i++) await expect(items.nth(i)).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
}

/** Puts files on the page the way the OS would for a paste (into the composer) or a drop (onto the chat). */
export async function deliver(page: Page, how: "paste" | "drop", files: Array<{ name: string; type: string; base64: string }>) {
  const target = how === "paste" ? page.getByTestId("composer-input") : page.getByTestId("message-list");
  await target.evaluate((el, { how, files }) => {
    const data = new DataTransfer();
    for (const f of files) data.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    if (how === "paste") el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    else for (const type of ["dragenter", "dragover", "drop"]) el.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
  }, { how, files });
}
