/**
 * English explanations for every ErrorCode: what most likely went wrong and what to do about it.
 * Written for the person in front of the chat, who may not be the one who deployed it, so each
 * hint says who can fix it (you in Settings, the deployer in the env vars, or the relay).
 */
import type { ErrorCode } from "../errors";

export interface ErrorHint {
  title: string;
  hint: string;
}

export const ERROR_HINTS_EN: Record<ErrorCode, ErrorHint> = {
  access_code_required: {
    title: "Access code required",
    hint: "This deployment is protected. Enter the access code you were given in Settings.",
  },
  access_code_invalid: {
    title: "Wrong access code",
    hint: "The access code was not accepted. Check it for typos and extra spaces, or ask whoever runs this site for the current one.",
  },
  access_locked: {
    title: "Too many wrong access codes",
    hint: "Access from your address is paused for a while after repeated wrong codes. Wait a few minutes, then try again with the correct code.",
  },
  not_configured: {
    title: "Server not configured",
    hint: "The server has no BASE_URL or OPENAI_API_KEY set. Whoever deployed it needs to add them to the environment and restart.",
  },
  path_not_allowed: {
    title: "Request not allowed",
    hint: "The proxy only forwards chat, model list and billing requests. If you see this from the app itself, please report it as a bug.",
  },
  bad_request: {
    title: "Invalid request",
    hint: "The request was rejected before it reached the model. Check the parameters in Settings (temperature, top_p, max_tokens) for out-of-range values.",
  },
  forbidden_origin: {
    title: "Request from another site refused",
    hint: "This server only takes requests from its own page. Open the chat at its own address instead of calling it from another site. If the page itself gets this behind a reverse proxy, whoever deployed it must pass the original Host to the app (nginx: proxy_set_header Host $http_host), or set TRUST_PROXY=1 and send X-Forwarded-Host and X-Forwarded-Proto.",
  },
  method_not_allowed: {
    title: "Method not allowed",
    hint: "The server does not answer this kind of HTTP request. The app only uses GET and POST; if a tool or proxy sent it, use one of those instead.",
  },
  balance_disabled: {
    title: "Balance not shared",
    hint: "This server does not show the balance of its key. Whoever deployed it can turn that on with ENABLE_BALANCE_QUERY=1; with your own key, your balance is always shown.",
  },
  doctor_rate_limited: {
    title: "The doctor ran a moment ago",
    hint: "This server runs the connection doctor at most once a minute for each visitor, since each run makes billed calls with its key. Wait for the time shown, then run it again.",
  },
  unsupported_media_type: {
    title: "Request must be JSON",
    hint: "The server only accepts requests sent with Content-Type: application/json. If you call the API from a script, set that header; if the app itself gets this, reload the page to pick up the current version.",
  },
  upstream_bad_request: {
    title: "The upstream refused a parameter",
    hint: "The model or relay rejected part of the request (see what it said below). Some models do not take every parameter: try resetting temperature, top_p and the penalties, or choose another model.",
  },
  upstream_auth: {
    title: "API key rejected",
    hint: "The upstream does not know this API key. Check OPENAI_API_KEY (or your own key in Settings) for typos and missing characters; a relay key only works with that relay's BASE_URL, and a relay key sent to api.openai.com (or the other way round) is rejected like this.",
  },
  upstream_key_missing: {
    title: "No API key arrived",
    hint: "The upstream received the request without a key. Set OPENAI_API_KEY on the server (or your own key in Settings); if one is set, a proxy between here and the relay is dropping the Authorization header.",
  },
  upstream_key_expired: {
    title: "Relay key expired",
    hint: "The key is valid but its expiry date has passed. Whoever issued it (you in the relay's token page, or your reseller) must extend it or issue a new one; topping up the balance does not help.",
  },
  upstream_key_disabled: {
    title: "Relay key disabled",
    hint: "The key exists but was switched off in the relay. Enable it again in the relay's token page, or ask whoever gave you the key; a new key is needed if it was revoked.",
  },
  upstream_token_quota: {
    title: "This key's own quota is used up",
    hint: "The key has reached the quota limit set on the key itself, which is separate from the account balance. Whoever issued it raises the limit (or makes it unlimited) in the relay's token page, or creates a new key; the account may still have money left.",
  },
  upstream_quota: {
    title: "Account balance used up",
    hint: "The account behind the key has run out of balance or quota. Top up at your provider or relay (or ask whoever runs the account); raising the key's own limit does not help.",
  },
  upstream_forbidden: {
    title: "Access refused by the provider",
    hint: "The provider refused this request: the key may not be allowed to use this model, or the service is not available in the server's region. Try another model, or check the key's permissions at the relay.",
  },
  upstream_not_found: {
    title: "Endpoint not found (404)",
    hint: "BASE_URL probably points to the wrong place. Try it with and without /v1 at the end, and make sure it is the API address, not the relay's website. It can also mean the model name is unknown to the provider.",
  },
  model_not_allowed: {
    title: "Model not offered by this server",
    hint: "This server only allows the models in its list (its CUSTOM_MODELS starts with -all), and a typed name outside it is refused before anything is billed. Pick a model from the list in Settings; if you need this one, ask whoever runs this site to add it to CUSTOM_MODELS.",
  },
  model_not_found: {
    title: "Model not available",
    hint: "The upstream does not know this model, or the relay has no channel for it in your group. Check the model name for typos and upper/lower case, or pick one from the model list.",
  },
  context_too_long: {
    title: "Conversation too long for the model",
    hint: "The messages plus the reply length exceed the model's context window. Lower the history count, start a new chat, or lower max_tokens in Settings.",
  },
  max_tokens_too_large: {
    title: "max_tokens too large",
    hint: "The model cannot write that many tokens in one reply. Lower max_tokens in Settings.",
  },
  payload_too_large: {
    title: "Too large for the relay or provider",
    hint: "The upstream (your relay or the provider behind BASE_URL) refused the request as too large: its own limit, such as its nginx's client_max_body_size, not this site's. Send fewer or smaller images, lower the history count so fewer earlier images ride along, or ask the relay to raise its limit.",
  },
  request_too_large: {
    title: "Too large to send",
    hint: "This message's images do not fit in one request even at their smallest size, so nothing was sent. Attach fewer images (send them in several messages), or shorten the text.",
  },
  server_body_limit: {
    title: "Larger than this server accepts",
    hint: "The request is larger than this server's own limit. The page shrinks images to fit the limit it was told, so this usually means the server changed: reload the page. Whoever deployed it can raise MAX_REQUEST_MB (default 16, at most 32; a reverse proxy in front must allow as much).",
  },
  gateway_body_limit: {
    title: "Refused by a proxy in front of this site",
    hint: "A reverse proxy in front of this server refused the request size before the app saw it. Whoever deployed it must raise that proxy's limit to at least this server's limit: for nginx, client_max_body_size in the server block (its default is 1 MB; deploy/nginx.conf sets 16m). Until then, send fewer or smaller images.",
  },
  vercel_body_limit: {
    title: "Above Vercel's 4.5 MB request limit",
    hint: "Vercel refuses request bodies over 4.5 MB, and that cannot be raised. Send fewer or smaller images, or lower the history count; for larger requests, run the app with Docker or npm start instead.",
  },
  upstream_rate_limited: {
    title: "Rate limit reached",
    hint: "Too many requests or tokens in a short time for this key. Wait a moment and try again.",
  },
  upstream_overloaded: {
    title: "Upstream overloaded",
    hint: "The provider or relay is saturated right now. Try again in a little while, or switch to another model.",
  },
  upstream_server: {
    title: "Upstream server error",
    hint: "The provider or relay failed to answer. This is usually temporary: try again. If it keeps happening, quote the request id to your relay's support.",
  },
  upstream_html: {
    title: "Got a web page instead of an API answer",
    hint: "A proxy or CDN answered with an HTML page — BASE_URL probably points at a website, not the API, or a gateway in between is failing.",
  },
  upstream_bad_response: {
    title: "Unreadable answer from the upstream",
    hint: "The upstream answered with something that is neither JSON nor a stream. Check that BASE_URL points to an OpenAI-compatible API.",
  },
  upstream_unreachable: {
    title: "Cannot reach the upstream",
    hint: "The server could not connect to BASE_URL (connection refused, DNS or TLS failure). Check the address, and that the server can reach it from where it runs.",
  },
  upstream_timeout: {
    title: "Upstream timed out",
    hint: "The upstream stayed silent for too long. Try again; for long answers from slow models, a proxy's timeout (nginx, Cloudflare, Vercel) may need to be raised.",
  },
  network: {
    title: "Network error",
    hint: "Your browser could not reach this site's server. Check your connection, VPN or proxy, then try again.",
  },
  offline: {
    title: "You are offline",
    hint: "Your device has no network connection, so nothing was sent. Check Wi-Fi or mobile data (and that airplane mode is off).",
  },
  direct_cors: {
    title: "The endpoint does not allow calls from a web page (CORS)",
    hint: "Your endpoint is reachable, but it refuses requests made by a browser page (it sends no CORS headers), and your own-key mode calls it straight from the browser. Turn off \"Use my own API key and endpoint\" in Settings to go through this site's server (when it has a key of its own), or ask the relay to allow CORS for this site's address.",
  },
  direct_unreachable: {
    title: "Your browser cannot reach the endpoint",
    hint: "In own-key mode your browser calls the endpoint directly, and it could not connect at all (wrong address or port, host down, blocked by a firewall or VPN, or an http:// address on an https:// page). Check the endpoint in Settings and open it in a new tab to see if it answers.",
  },
  stream_interrupted: {
    title: "Answer interrupted",
    hint: "The stream ended before the answer was finished. The partial answer is kept; regenerate or ask to continue.",
  },
  prompt_too_long: {
    title: "Message too long",
    hint: "Even your message and the system prompt alone do not fit in the model's context window. Shorten the message or the system prompt, lower max_tokens, or choose a model with a larger context.",
  },
  unknown: {
    title: "Something went wrong",
    hint: "An unexpected error occurred. Try again; if it persists, the details below help whoever maintains this site.",
  },
};
