// What a relay's host answers outside its API (the connection doctor names each): its web site,
// a login page, or a CDN's error page when the relay behind it is down. Used by mock-upstream.mjs.

const WEBSITE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>NewAPI 中转 — 稳定的 GPT 接口</title></head>
<body><div id="root"><h1>稳定、低价的 GPT 中转</h1><p>注册即送额度。</p><a href="/login">登录控制台</a></div>
<script type="module" src="/assets/index-4f2a.js"></script></body></html>
`;

const LOGIN = `<!doctype html>
<html><head><meta charset="utf-8"><title>One API</title></head>
<body><form action="/api/user/login" method="post">
<label>用户名 <input name="username"></label>
<label>密码 <input type="password" name="password"></label>
<button type="submit">登录</button></form></body></html>
`;

const CDN_ERROR = `<!DOCTYPE html>
<html><head><title>relay.example | 502: Bad gateway</title></head>
<body><h1>Bad gateway <span>Error code 502</span></h1>
<p>The web server reported a bad gateway error.</p>
<p>Cloudflare Ray ID: <strong>8a1b2c3d4e5f6a7b</strong> · Performance &amp; security by Cloudflare</p></body></html>
`;

/** The page `site` ("website" | "login" | "cdn-error") answers with: status, headers, body. */
export function sitePage(site) {
  if (site === "website") return { status: 200, headers: {}, body: WEBSITE };
  if (site === "login") return { status: 200, headers: {}, body: LOGIN };
  if (site === "cdn-error") return { status: 502, headers: { "cf-ray": "8a1b2c3d4e5f6a7b-SJC", server: "cloudflare" }, body: CDN_ERROR };
  throw new Error(`mock-upstream: unknown site "${site}"`);
}
