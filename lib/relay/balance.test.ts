import { describe, expect, it } from "vitest";
import { parseBalance } from "./balance";

// Bodies as one-api / new-api / OpenAI send them (RELAYS.md "Billing endpoints"), and as this
// app's proxy relays their errors.
const sub = (hard: number, accessUntil = 0) => ({
  status: 200,
  text: JSON.stringify({ object: "billing_subscription", has_payment_method: true, soft_limit_usd: hard, hard_limit_usd: hard, system_hard_limit_usd: hard, access_until: accessUntil }),
});
const usage = (totalUsage: number) => ({ status: 200, text: JSON.stringify({ object: "list", total_usage: totalUsage }) });

describe("parseBalance", () => {
  it("reads a one-api key in USD: total = remaining + used, usage in cents", () => {
    expect(parseBalance(sub(25), usage(1234.5))).toEqual({ state: "ok", totalUsd: 25, usedUsd: 12.345, remainingUsd: 12.655 });
  });

  it("reads the expiry when the key has one", () => {
    expect(parseBalance(sub(10, 1767225600), usage(0))).toMatchObject({ state: "ok", accessUntil: 1767225600, remainingUsd: 10 });
  });

  it("shows 100000000 as unlimited, with what was used", () => {
    expect(parseBalance(sub(100000000), usage(5000))).toEqual({ state: "unlimited", usedUsd: 50 });
    expect(parseBalance(sub(100000000))).toEqual({ state: "unlimited" });
  });

  it("converts raw quota units (500000 = 1 USD) and marks the figures as an estimate", () => {
    // 10 USD total in units, 2.5 USD used: total_usage = used units × 100.
    expect(parseBalance(sub(5_000_000), usage(1_250_000 * 100))).toEqual({ state: "ok", totalUsd: 10, usedUsd: 2.5, remainingUsd: 7.5, approximate: true });
    expect(parseBalance(sub(100000000), usage(500_000 * 100))).toEqual({ state: "unlimited", usedUsd: 1, approximate: true });
  });

  it("takes a total below what was used as the remaining quota (older relays)", () => {
    expect(parseBalance(sub(3), usage(700))).toMatchObject({ totalUsd: 3, usedUsd: 7, remainingUsd: 3 });
  });

  it("shows the message of an error sent with HTTP 200", () => {
    const body = { status: 200, text: JSON.stringify({ error: { message: "该令牌额度已用尽 (request id: 20250101120000001)", type: "one_api_error" } }) };
    expect(parseBalance(body, body)).toEqual({ state: "error", message: "该令牌额度已用尽 (request id: 20250101120000001)" });
  });

  it("reads the same errors relayed through this app's proxy", () => {
    const relayed = { status: 402, text: JSON.stringify({ error: { code: "upstream_quota", status: 402, message: "The key's quota is used up", upstreamMessage: "该令牌额度已用尽" } }) };
    expect(parseBalance(relayed, null)).toEqual({ state: "error", message: "该令牌额度已用尽" });
    const invalid = { status: 401, text: JSON.stringify({ error: { message: "无效的令牌", type: "one_api_error" } }) };
    expect(parseBalance(invalid)).toEqual({ state: "error", message: "无效的令牌" });
  });

  it("says 'not offered' for OpenAI's 403 and 404, and for a web page", () => {
    const openai403 = { status: 403, text: JSON.stringify({ error: { message: "Your request to GET /dashboard/billing/subscription must be made with a session key (that is, it can only be made from the browser). You made it with the following key type: secret.", type: "invalid_request_error", param: null, code: null } }) };
    expect(parseBalance(openai403, openai403)).toEqual({ state: "unsupported" });
    expect(parseBalance({ status: 404, text: JSON.stringify({ error: { message: "Invalid URL (GET /v1/dashboard/billing/subscription)", type: "invalid_request_error" } }) })).toEqual({ state: "unsupported" });
    expect(parseBalance({ status: 404, text: "<html><body>Not Found</body></html>" })).toEqual({ state: "unsupported" });
    expect(parseBalance({ status: 200, text: "<!doctype html><html><div id=root></div></html>" })).toEqual({ state: "unsupported" });
    expect(parseBalance({ status: 200, text: JSON.stringify({ object: "billing_subscription" }) })).toEqual({ state: "unsupported" });
  });

  it("shows our own refusal (ENABLE_BALANCE_QUERY off) as an error, not as 'not offered'", () => {
    const refused = { status: 403, text: JSON.stringify({ error: { code: "balance_disabled", status: 403, message: "Balance queries are off on this server (ENABLE_BALANCE_QUERY)" } }) };
    expect(parseBalance(refused)).toEqual({ state: "error", message: "Balance queries are off on this server (ENABLE_BALANCE_QUERY)" });
  });

  it("keeps the total when only the usage answer failed", () => {
    expect(parseBalance(sub(8), { status: 500, text: "oops" })).toEqual({ state: "ok", totalUsd: 8 });
  });

  it("accepts numbers sent as strings and a gateway error as an error", () => {
    expect(parseBalance({ status: 200, text: '{"hard_limit_usd":"12.5"}' }, { status: 200, text: '{"total_usage":"250"}' })).toMatchObject({ totalUsd: 12.5, usedUsd: 2.5, remainingUsd: 10 });
    expect(parseBalance({ status: 502, text: "<html>Bad Gateway</html>" })).toEqual({ state: "error", message: "HTTP 502" });
  });
});
