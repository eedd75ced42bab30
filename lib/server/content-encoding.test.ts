import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { createDecoder } from "./content-encoding";

async function decode(encoding: string, data: Buffer): Promise<string> {
  const decoder = createDecoder(encoding)!;
  const out: Buffer[] = [];
  decoder.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((r) => decoder.on("end", r));
  decoder.end(data);
  await done;
  return Buffer.concat(out).toString();
}

describe("createDecoder", () => {
  it("leaves identity, absent and unknown encodings alone", () => {
    for (const e of [null, undefined, "", "identity", "zstd", "compress"]) expect(createDecoder(e)).toBeNull();
  });

  it.each([
    ["gzip", zlib.gzipSync],
    [" X-Gzip ", zlib.gzipSync],
    ["deflate", zlib.deflateSync],
    ["br", zlib.brotliCompressSync],
  ] as const)("undoes %s", async (encoding, compress) => {
    expect(await decode(encoding, compress(Buffer.from("data: 你好\n\n")))).toBe("data: 你好\n\n");
  });

  it("hands out what it has as soon as a flushed piece arrives (streams stay streams)", async () => {
    const gzip = zlib.createGzip();
    const decoder = createDecoder("gzip")!;
    gzip.on("data", (c: Buffer) => decoder.write(c));
    const first = new Promise<string>((r) => decoder.once("data", (c: Buffer) => r(c.toString())));
    gzip.write("data: one\n\n");
    gzip.flush(zlib.constants.Z_SYNC_FLUSH);
    expect(await first).toBe("data: one\n\n");
    gzip.destroy();
    decoder.destroy();
  });
});
