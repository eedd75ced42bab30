/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server for `npm start` and Docker; Vercel ignores this.
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // Streams must not be gzip-buffered by Next itself.
  compress: false,
  // The Redis client (REDIS_URL lock-out store) is required from node_modules at run time rather
  // than bundled into the server chunks; the standalone output's file tracing copies it along.
  serverExternalPackages: ["ioredis"],
};

export default nextConfig;
