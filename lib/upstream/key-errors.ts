/**
 * Problems with the relay key itself, told apart because each has a different fix and a different
 * person who can fix it. one-api and new-api answer all of them with 401 and a Chinese sentence
 * (model/token.go: 未提供令牌, 无效的令牌, 该令牌已过期, 该令牌额度已用尽, 该令牌状态不可用; newer
 * builds say "令牌 (12) 额度已用尽"), so only the text tells them apart. The token's quota is the
 * limit whoever issued the key set on it, not the account's balance: "top up" would be wrong advice.
 *
 * Both classifiers (HTTP bodies in ./errors.ts, mid-stream events in ./stream-error.ts) try these
 * rules before their general ones.
 */
import type { ErrorCode } from "../errors";

type KeyRule = [ErrorCode, RegExp];

// First hit wins. The account's quota comes first: pre_consume_token_quota_failed carries either
// "用户额度不足" (the account) or "令牌额度不足" (the token) in its message.
export const KEY_RULES: KeyRule[] = [
  ["upstream_quota", /insufficient_user_quota|user quota|用户额度|账户余额|account balance/i],
  ["upstream_token_quota", /令牌[^。，,;；]{0,40}额度(已用尽|不足)|token quota|token_quota/i],
  ["upstream_key_expired", /令牌[^。，,;；]{0,40}已过期|token (has )?expired|api key (has |is )?expired|key_expired/i],
  ["upstream_key_disabled", /令牌[^。，,;；]{0,40}(状态不可用|已被禁用)|token (is )?disabled|api key (is |has been )?(disabled|revoked)/i],
  ["upstream_key_missing", /未提供令牌|didn'?t provide an api key|no api key provided|api key (is )?missing|missing (api key|bearer|authorization)/i],
];

/** The key problem the error's code, type and message name, if any. */
export function keyProblem(haystack: string): ErrorCode | undefined {
  for (const [code, re] of KEY_RULES) if (re.test(haystack)) return code;
  return undefined;
}

/** The status one-api uses for these (the quota ones move to 402 when a 200 carried them). */
export const KEY_STATUS: Partial<Record<ErrorCode, number>> = {
  upstream_token_quota: 402,
  upstream_key_expired: 401,
  upstream_key_disabled: 401,
  upstream_key_missing: 401,
};
