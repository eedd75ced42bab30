import { COMMON_SECURITY_HEADERS, CSP_HEADER, contentSecurityPolicy, UNHASHED_SCRIPT_SOURCES } from "./lib/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server for `npm start` and Docker; Vercel ignores this.
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // Streams must not be gzip-buffered by Next itself.
  compress: false,
  async headers() {
    return [
      { source: "/:path*", headers: [...COMMON_SECURITY_HEADERS] },
      // Pages only (the API answers JSON and streams). The script hashes are put in after the
      // build by scripts/csp-hashes.mjs: see lib/security-headers.mjs.
      { source: "/((?!api/).*)", headers: [{ key: CSP_HEADER, value: contentSecurityPolicy(UNHASHED_SCRIPT_SOURCES) }] },
    ];
  },
};

export default nextConfig;
