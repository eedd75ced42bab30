import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";
import { buildInfo } from "./scripts/build-info.mjs";
import { COMMON_SECURITY_HEADERS, CSP_HEADER, contentSecurityPolicy, UNHASHED_SCRIPT_SOURCES } from "./lib/security-headers.mjs";

/** @type {(phase: string) => import('next').NextConfig} */
export default function nextConfig(phase) {
  // In development React evaluates strings to rebuild server error stacks in the browser (see
  // Next's CSP guide); the production policy has no 'unsafe-eval'.
  const scriptSources = phase === PHASE_DEVELOPMENT_SERVER ? [...UNHASHED_SCRIPT_SOURCES, "'unsafe-eval'"] : UNHASHED_SCRIPT_SOURCES;
  const build = buildInfo({ dev: phase === PHASE_DEVELOPMENT_SERVER });
  return {
    // Inlined at build time into the page and the server alike (see scripts/build-info.mjs).
    env: { NEXT_PUBLIC_APP_VERSION: build.version, NEXT_PUBLIC_APP_COMMIT: build.commit, NEXT_PUBLIC_APP_BUILD: build.build },
    // A self-contained server for `npm start` and Docker; Vercel ignores this.
    output: "standalone",
    poweredByHeader: false,
    reactStrictMode: true,
    // Streams must not be gzip-buffered by Next itself.
    compress: false,
    // The Redis client (REDIS_URL lock-out store) is required from node_modules at run time rather
    // than bundled into the server chunks; the standalone output's file tracing copies it along.
    serverExternalPackages: ["ioredis"],
    turbopack: {
      resolveAlias: {
        // Its browser build decodes entities with a DOM element, which the markdown worker does
        // not have; the table version gives the same characters, in the page and the worker alike.
        "decode-named-character-reference": "./node_modules/decode-named-character-reference/index.js",
      },
    },
    experimental: {
      // Next buffers /api request bodies for the request interceptor (proxy.ts) and cuts them at
      // 10 MB by default, which would hand the route handler a truncated body. Just above the
      // largest MAX_REQUEST_MB (32, lib/server/env.ts): the route's own limit answers 413 first.
      proxyClientMaxBodySize: "33mb",
    },
    async headers() {
      return [
        { source: "/:path*", headers: [...COMMON_SECURITY_HEADERS] },
        // Pages only (the API answers JSON and streams). The script hashes are put in after the
        // build by scripts/csp-hashes.mjs: see lib/security-headers.mjs.
        { source: "/((?!api/).*)", headers: [{ key: CSP_HEADER, value: contentSecurityPolicy(scriptSources) }] },
      ];
    },
  };
}
