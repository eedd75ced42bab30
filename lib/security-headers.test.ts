import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, inlineScriptHashes, setManifestPolicy, UNHASHED_SCRIPT_SOURCES } from "./security-headers.mjs";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `));

describe("contentSecurityPolicy", () => {
  it("allows scripts from the site and the given hashes only", () => {
    const policy = contentSecurityPolicy(["'sha256-abc='"]);
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'sha256-abc='");
    expect(policy).not.toMatch(/unsafe-eval/);
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
  });

  it("lets own-key mode reach any endpoint, and keeps workers, images and styles working", () => {
    const policy = contentSecurityPolicy([]);
    expect(directive(policy, "connect-src")).toBe("connect-src 'self' https: http:");
    expect(directive(policy, "worker-src")).toContain("'self'");
    expect(directive(policy, "img-src")).toBe("img-src 'self' data: blob:");
    expect(directive(policy, "style-src")).toBe("style-src 'self' 'unsafe-inline'");
  });

  it("without the build's hashes, falls back to inline scripts (until the post-build step runs)", () => {
    expect(directive(contentSecurityPolicy(UNHASHED_SCRIPT_SOURCES), "script-src")).toBe("script-src 'self' 'unsafe-inline'");
  });
});

describe("inlineScriptHashes", () => {
  it("hashes the exact text of every inline script, once, in order", () => {
    const theme = 'try{var t=localStorage.getItem("x")}catch(e){}';
    const payload = 'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n"])';
    const html = `<html><head><script src="/_next/a.js" async=""></script><script>${theme}</script></head><body>` +
      `<script id="_R_">${payload}</script><script>${theme}</script><SCRIPT type="text/javascript">a()</SCRIPT ></body></html>`;
    expect(inlineScriptHashes(html)).toEqual([sha(theme), sha(payload), sha("a()")]);
  });

  it("skips external, empty and data-block scripts", () => {
    const html = '<script src="x.js"></script><script></script><script type="application/json">{"a":1}</script><script type="module">m()</script>';
    expect(inlineScriptHashes(html)).toEqual([sha("m()")]);
  });

  it("keeps multi-byte text as UTF-8, as browsers hash it", () => {
    expect(inlineScriptHashes("<script>x='中文'</script>")).toEqual([sha("x='中文'")]);
  });
});

describe("setManifestPolicy", () => {
  it("rewrites every policy entry of a routes-manifest and leaves other headers alone", () => {
    const manifest = {
      headers: [
        { source: "/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] },
        { source: "/((?!api/).*)", headers: [{ key: "Content-Security-Policy", value: contentSecurityPolicy(UNHASHED_SCRIPT_SOURCES) }] },
      ],
    };
    expect(setManifestPolicy(manifest, ["'sha256-x='"])).toBe(1);
    expect(manifest.headers[0].headers[0].value).toBe("nosniff");
    expect(manifest.headers[1].headers[0].value).toBe(contentSecurityPolicy(["'sha256-x='"]));
    expect(setManifestPolicy({ headers: [] }, [])).toBe(0);
  });
});
