import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./app-server";

const NGINX = process.env.NGINX_PATH || (existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx");

export interface NginxServer {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Runs Debian's nginx on loopback with the repo's deploy/nginx.conf, pointed at the app port.
 * Only the listen address and the upstream port are changed; every proxy setting is the shipped
 * one, unless `clientMaxBodySize` stands in for the shipped body limit (an nginx left at "1m").
 * `buffering: true` is the misconfigured proxy the connection doctor must catch: buffering on, the
 * app's `X-Accel-Buffering: no` ignored (it would switch the buffering off again), and nginx's
 * default HTTP/1.0 to the app (the shipped config's `proxy_http_version 1.1` left out): nginx 1.22
 * passes each chunk of a chunked HTTP/1.1 answer on at once even while buffering, so without the
 * 1.0 nothing would be held back. A minimal `proxy_pass` site that ignores the header is exactly this.
 */
export async function startNginx(appPort: number, { clientMaxBodySize, buffering }: { clientMaxBodySize?: string; buffering?: boolean } = {}): Promise<NginxServer> {
  const port = await freePort();
  let site = readFileSync(path.resolve(__dirname, "..", "deploy", "nginx.conf"), "utf8")
    .replace(/server 127\.0\.0\.1:3000;/, `server 127.0.0.1:${appPort};`)
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`);
  if (!site.includes(`127.0.0.1:${port}`) || !site.includes(`127.0.0.1:${appPort}`)) throw new Error("deploy/nginx.conf changed shape: update e2e/nginx.ts");
  if (clientMaxBodySize) {
    site = site.replace(/client_max_body_size \S+;/, `client_max_body_size ${clientMaxBodySize};`);
    if (!site.includes(`client_max_body_size ${clientMaxBodySize};`)) throw new Error("deploy/nginx.conf has no client_max_body_size: update e2e/nginx.ts");
  }
  if (buffering) {
    const buffered = site
      .replace(/proxy_buffering off;/, "proxy_buffering on;\n        proxy_ignore_headers X-Accel-Buffering;")
      .replace(/proxy_http_version 1\.1;/, "");
    if (!buffered.includes("proxy_buffering on;") || buffered.includes("proxy_http_version")) throw new Error("deploy/nginx.conf changed shape: update e2e/nginx.ts");
    site = buffered;
  }
  return runNginx(site, port);
}

/**
 * The same with deploy/nginx-compose.conf (the scale-out shape of deploy/compose.yaml): its two
 * upstream servers, app1:3000 and app2:3000, become the two given app ports on loopback.
 */
export async function startComposeNginx(appPorts: [number, number]): Promise<NginxServer> {
  const port = await freePort();
  const site = readFileSync(path.resolve(__dirname, "..", "deploy", "nginx-compose.conf"), "utf8")
    .replace(/server app1:3000;/, `server 127.0.0.1:${appPorts[0]};`)
    .replace(/server app2:3000;/, `server 127.0.0.1:${appPorts[1]};`)
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`);
  if (![port, ...appPorts].every((p) => site.includes(`127.0.0.1:${p}`))) throw new Error("deploy/nginx-compose.conf changed shape: update e2e/nginx.ts");
  return runNginx(site, port);
}

async function runNginx(site: string, port: number): Promise<NginxServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "relaychat-nginx-"));
  for (const sub of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(dir, sub));
  writeFileSync(path.join(dir, "site.conf"), site);
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `${isRoot ? "user root;\n" : ""}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`,
  );
  const check = spawnSync(NGINX, ["-t", "-c", path.join(dir, "nginx.conf"), "-p", dir], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}`);
  const child = spawn(NGINX, ["-c", path.join(dir, "nginx.conf"), "-p", dir], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error("nginx did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGTERM");
      }),
  };
}
