// A reference point for bench/concurrent-streams.mjs (`--mode bare`), not part of the product: the
// least a proxy can do in Node — one node:http server piping POST /api/openai/v1/chat/completions
// to BASE_URL with a keep-alive agent, with no access check, validation, timeouts or keep-alive
// pings. Its ratio shows how much of the fast path's figure the harness itself costs on a machine.
import http from "node:http";

const base = new URL(process.env.BASE_URL);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

const server = http.createServer((req, res) => {
  if (req.url === "/api/health") return res.end("ok");
  if (req.method !== "POST" || req.url !== "/api/openai/v1/chat/completions") {
    res.statusCode = 404;
    return res.end();
  }
  const upstream = http.request(
    { host: base.hostname, port: base.port, path: "/v1/chat/completions", method: "POST", agent, headers: { "content-type": "application/json", authorization: `Bearer ${process.env.OPENAI_API_KEY}` } },
    (up) => {
      res.writeHead(up.statusCode ?? 502, { "content-type": up.headers["content-type"] ?? "text/event-stream", "cache-control": "no-cache" });
      up.pipe(res);
    },
  );
  upstream.on("error", () => res.destroy());
  res.on("close", () => upstream.destroy());
  req.pipe(upstream);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), process.env.HOSTNAME ?? "127.0.0.1");
process.on("SIGTERM", () => process.exit(0));
