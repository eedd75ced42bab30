import { pipeline, type Readable } from "node:stream";
import zlib from "node:zlib";

/**
 * Undoes a Content-Encoding on a Node body stream, as fetch does on its own. Flushes as data
 * arrives (Z_SYNC_FLUSH) so a compressed event stream is still relayed chunk by chunk. An
 * unknown or absent encoding leaves the body as it is.
 */
export function decodeContentEncoding(body: Readable, encoding: string | null): Readable {
  const coding = encoding?.trim().toLowerCase();
  if (!coding || coding === "identity") return body;
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  let decoder: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress;
  if (coding === "gzip" || coding === "x-gzip") decoder = zlib.createGunzip(flush);
  else if (coding === "deflate") decoder = zlib.createInflate(flush);
  else if (coding === "br") decoder = zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  else return body;
  // Errors on either side destroy both; the relay sees them on the decoder.
  return pipeline(body, decoder, () => {});
}
