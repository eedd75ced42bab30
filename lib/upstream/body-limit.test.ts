import { describe, expect, it } from "vitest";
import { frontBodyLimitError } from "./body-limit";

const NGINX_413 = `<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx/1.26.3</center>\r\n</body>\r\n</html>\r\n`;

describe("frontBodyLimitError", () => {
  it("an nginx 413 page names the proxy in front (client_max_body_size), with the page's title", () => {
    const err = frontBodyLimitError(NGINX_413, { "content-type": "text/html" });
    expect(err.toInfo()).toMatchObject({ code: "gateway_body_limit", status: 413, upstreamMessage: "413 Request Entity Too Large" });
  });

  it("Vercel's FUNCTION_PAYLOAD_TOO_LARGE, by body or by header, names Vercel's 4.5 MB", () => {
    const body = "Request Entity Too Large\n\nFUNCTION_PAYLOAD_TOO_LARGE\n\nfra1::abcde-1700000000000-0123456789ab\n";
    expect(frontBodyLimitError(body, { "x-vercel-id": "fra1::abc" }).toInfo()).toMatchObject({ code: "vercel_body_limit", status: 413, requestId: "fra1::abc" });
    expect(frontBodyLimitError("", new Headers({ "x-vercel-error": "FUNCTION_PAYLOAD_TOO_LARGE" })).code).toBe("vercel_body_limit");
  });

  it("an empty or plain-text 413 from some other proxy still names the proxy in front", () => {
    expect(frontBodyLimitError("").toInfo()).toMatchObject({ code: "gateway_body_limit", status: 413 });
    expect(frontBodyLimitError("Payload Too Large").toInfo().upstreamMessage).toBe("Payload Too Large");
  });
});
