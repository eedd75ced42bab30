/**
 * zod for the import parsers, which run in the page. Every parser imports z from here, so the
 * setting below is in force before any of their schemas is built, whichever module loads first:
 * zod otherwise probes `new Function("")` to compile fast parsers, and the page's
 * Content-Security-Policy (no 'unsafe-eval') reports that probe as a violation.
 */
import { z } from "zod";

z.config({ jitless: true });

export { z };
