/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server for `npm start` and Docker; Vercel ignores this.
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // Streams must not be gzip-buffered by Next itself.
  compress: false,
};

export default nextConfig;
