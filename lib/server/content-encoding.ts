import zlib from "node:zlib";

/**
 * A decoder for a response's Content-Encoding, as fetch applies one on its own: gzip, deflate or
 * br, flushing as data arrives (so a compressed event stream is still relayed chunk by chunk).
 * null for no encoding, identity, or one it does not know (the body is then passed on as it is).
 */
export function createDecoder(encoding: string | null | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  const coding = encoding?.trim().toLowerCase();
  if (!coding || coding === "identity") return null;
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  if (coding === "gzip" || coding === "x-gzip") return zlib.createGunzip(flush);
  if (coding === "deflate") return zlib.createInflate(flush);
  if (coding === "br") {
    return zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  }
  return null;
}
