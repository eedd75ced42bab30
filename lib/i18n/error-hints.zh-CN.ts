/** 每个 ErrorCode 的中文说明：最可能的原因，以及该怎么办。与 error-hints.en.ts 一一对应。 */
import type { ErrorCode } from "../errors";
import type { ErrorHint } from "./error-hints.en";

export const ERROR_HINTS_ZH_CN: Record<ErrorCode, ErrorHint> = {
  access_code_required: {
    title: "需要访问密码",
    hint: "这个站点设置了访问密码，请在设置里填写站长给你的访问密码。",
  },
  access_code_invalid: {
    title: "访问密码不对",
    hint: "访问密码未通过验证。检查一下有没有输错、多了空格，或者找站长要最新的密码。",
  },
  access_locked: {
    title: "密码错误次数过多",
    hint: "连续输错密码后，你的地址会被暂时锁定。请等几分钟，再用正确的密码重试。",
  },
  not_configured: {
    title: "服务端还没配置好",
    hint: "服务器没有设置 BASE_URL 或 OPENAI_API_KEY。需要部署者在环境变量里补上后重启。",
  },
  path_not_allowed: {
    title: "请求路径不允许",
    hint: "代理只转发对话、模型列表和余额查询这几类请求。如果是应用自己报的这个错，请当作 bug 反馈。",
  },
  bad_request: {
    title: "请求参数有误",
    hint: "请求在发给模型之前就被拒绝了。看看设置里的 temperature、top_p、max_tokens 等参数是否超出范围。",
  },
  forbidden_origin: {
    title: "拒绝了来自其他网站的请求",
    hint: "本服务器只接受它自己页面发来的请求。请直接打开本站的地址聊天，不要从别的网站调用它。如果是本站页面在反向代理后面遇到这个错误，需要部署者把原始 Host 传给应用（nginx：proxy_set_header Host $http_host），或者设置 TRUST_PROXY=1 并传递 X-Forwarded-Host 和 X-Forwarded-Proto。",
  },
  method_not_allowed: {
    title: "不支持的请求方法",
    hint: "服务器不响应这种 HTTP 请求方法。应用本身只用 GET 和 POST；如果是某个工具或代理发出的，请改用这两种之一。",
  },
  balance_disabled: {
    title: "未开放余额查询",
    hint: "此服务器不显示其密钥的余额。部署者可以设置 ENABLE_BALANCE_QUERY=1 开启；使用你自己的密钥时，总会显示你自己的余额。",
  },
  doctor_rate_limited: {
    title: "刚刚运行过诊断",
    hint: "每次诊断都会用服务器的密钥发起计费调用，因此服务器为每位访问者每分钟最多运行一次连接诊断。请等待所示时间后再运行。",
  },
  unsupported_media_type: {
    title: "请求必须是 JSON",
    hint: "服务器只接受 Content-Type 为 application/json 的请求。如果是用脚本调用接口，请加上这个请求头；如果是应用自己报的错，刷新页面换成最新版本即可。",
  },
  upstream_bad_request: {
    title: "上游不接受某个参数",
    hint: "模型或中转站拒绝了请求中的某个参数（原始信息见下方）。有些模型不支持全部参数：试试把温度、top_p 和惩罚项恢复默认，或换一个模型。",
  },
  upstream_auth: {
    title: "API Key 无效",
    hint: "上游不认识这个 API Key。检查 OPENAI_API_KEY（或设置里你自己填的 Key）有没有输错、少字符；中转站的 Key 只能配合该中转站的 BASE_URL 使用，发到 api.openai.com（或反过来）也会这样报错。",
  },
  upstream_key_missing: {
    title: "没有收到 API Key",
    hint: "上游收到的请求里没有 Key。请在服务器上设置 OPENAI_API_KEY（或在设置里填自己的 Key）；如果已经设置了，说明中间的代理把 Authorization 请求头丢掉了。",
  },
  upstream_key_expired: {
    title: "令牌已过期",
    hint: "这个 Key 本身没错，但已经过了有效期。需要发 Key 的人（你自己在中转站的令牌页面，或卖给你 Key 的人）延长有效期或重新生成；充值余额没有用。",
  },
  upstream_key_disabled: {
    title: "令牌已被禁用",
    hint: "这个 Key 存在，但在中转站里被停用了。到中转站的令牌页面重新启用，或者联系给你 Key 的人；如果已被作废，就需要换一个新 Key。",
  },
  upstream_token_quota: {
    title: "这个令牌自己的额度用完了",
    hint: "这个 Key 达到了发 Key 的人给它设的额度上限，这和账户余额是两回事。请发 Key 的人在中转站的令牌页面调高额度（或设为无限额度），或者新建一个 Key；账户里可能还有钱。",
  },
  upstream_quota: {
    title: "账户余额不足",
    hint: "Key 所属账户的余额或额度已经用完。请到服务商或中转站充值（或联系账户的主人）；只调高这个令牌的额度没有用。",
  },
  upstream_forbidden: {
    title: "服务商拒绝了请求",
    hint: "可能是这个令牌没有权限使用该模型，也可能是服务器所在地区不受支持。换个模型试试，或到中转站后台检查令牌的模型权限。",
  },
  upstream_not_found: {
    title: "接口地址不存在（404）",
    hint: "多半是 BASE_URL 填错了：试试末尾加上或去掉 /v1，并确认填的是 API 地址而不是中转站的网站首页。模型名服务商不认识时也可能出现 404。",
  },
  model_not_allowed: {
    title: "本站不提供这个模型",
    hint: "本站只允许使用列表里的模型（它的 CUSTOM_MODELS 以 -all 开头），列表外手动输入的模型名会在计费前被拒绝。请在设置里从模型列表中选一个；如果确实需要这个模型，请联系本站的部署者把它加进 CUSTOM_MODELS。",
  },
  model_not_found: {
    title: "模型不可用",
    hint: "上游不认识这个模型，或者中转站在你的分组下没有这个模型的可用渠道。检查模型名的拼写和大小写，或者直接从模型列表里选。",
  },
  context_too_long: {
    title: "对话超出了模型的上下文长度",
    hint: "消息加上回复长度超过了模型的上下文窗口。可以调低历史消息数、开一个新对话，或在设置里调低 max_tokens。",
  },
  max_tokens_too_large: {
    title: "max_tokens 设得太大",
    hint: "这个模型一次回复写不了这么多 token，请在设置里调低 max_tokens。",
  },
  payload_too_large: {
    title: "超出中转或服务商的大小限制",
    hint: "上游（你的中转站或 BASE_URL 背后的服务商）认为请求太大而拒绝了：这是它自己的限制（例如它的 nginx 的 client_max_body_size），不是本站的。请少发几张或发小一些的图片，调低历史消息数以减少随行的旧图片，或请中转站提高限制。",
  },
  request_too_large: {
    title: "太大，无法发送",
    hint: "这条消息的图片即使压到最小也放不进一次请求，所以没有发送。请少附几张图片（分几条消息发送），或缩短文字。",
  },
  server_body_limit: {
    title: "超出本服务器接受的大小",
    hint: "请求超过了本服务器自身的大小限制。页面会按得知的限制自动压缩图片，出现这个通常说明服务器配置变了：请刷新页面。部署者可以调高 MAX_REQUEST_MB（默认 16，最大 32；前面的反向代理也必须放行同样大小）。",
  },
  gateway_body_limit: {
    title: "被本站前面的代理拒绝",
    hint: "本服务器前面的反向代理在应用收到之前就因为大小拒绝了请求。部署者需要把该代理的限制调到不低于本服务器的限制：nginx 是 server 块里的 client_max_body_size（默认只有 1 MB；deploy/nginx.conf 设为 16m）。在那之前，请少发或发小一些的图片。",
  },
  vercel_body_limit: {
    title: "超出 Vercel 的 4.5 MB 请求限制",
    hint: "Vercel 拒绝超过 4.5 MB 的请求体，而且无法调高。请少发或发小一些的图片，或调低历史消息数；需要更大的请求时，请改用 Docker 或 npm start 部署。",
  },
  upstream_rate_limited: {
    title: "请求太频繁",
    hint: "这个 Key 短时间内的请求数或 token 数超过了限制，稍等片刻再试。",
  },
  upstream_overloaded: {
    title: "上游繁忙",
    hint: "服务商或中转站现在负载已满，过一会儿再试，或者先换个模型用。",
  },
  upstream_server: {
    title: "上游服务出错",
    hint: "服务商或中转站没能正常响应，通常是暂时的，重试一下就好。如果一直出现，把请求 ID 发给中转站客服排查。",
  },
  upstream_html: {
    title: "收到的是网页而不是接口数据",
    hint: "代理或 CDN 返回了一个 HTML 网页——BASE_URL 很可能指向了某个网站而不是 API，或者中间的网关出了故障。",
  },
  upstream_bad_response: {
    title: "上游返回的内容无法解析",
    hint: "上游返回的既不是 JSON 也不是流式数据。请确认 BASE_URL 指向的是兼容 OpenAI 的接口。",
  },
  upstream_unreachable: {
    title: "连不上上游",
    hint: "服务器连不上 BASE_URL（连接被拒、DNS 解析失败或 TLS 出错）。检查地址是否正确，以及服务器所在网络能否访问它。",
  },
  upstream_timeout: {
    title: "上游响应超时",
    hint: "上游太久没有回应。先重试一下；如果是慢模型写长回答，可能需要调大 nginx、Cloudflare 或 Vercel 等代理的超时时间。",
  },
  network: {
    title: "网络错误",
    hint: "浏览器连不上本站的服务器。检查一下网络、VPN 或代理设置后再试。",
  },
  offline: {
    title: "设备已离线",
    hint: "你的设备现在没有网络连接，请求没有发出去。请检查 Wi-Fi 或移动数据（以及是否开着飞行模式）。",
  },
  direct_cors: {
    title: "该接口不允许网页直接调用（CORS）",
    hint: "你的接口地址能连上，但它拒绝浏览器网页发起的请求（没有返回 CORS 响应头），而“使用自己的 Key”模式是由浏览器直接调用它的。请在设置里关掉“使用自己的 API Key 和接口地址”，改走本站服务器转发（前提是本站配置了自己的 Key）；或者请中转站为本站的地址开启 CORS。",
  },
  direct_unreachable: {
    title: "浏览器连不上该接口",
    hint: "“使用自己的 Key”模式下由浏览器直接调用接口，而浏览器根本连不上它（地址或端口不对、主机宕机、被防火墙或 VPN 拦截，或在 https:// 页面里用了 http:// 地址）。检查设置里的接口地址，并在新标签页打开它看看有没有响应。",
  },
  stream_interrupted: {
    title: "回答被中断了",
    hint: "回答还没写完，数据流就断了。已经收到的部分都保留着，可以重新生成，或者让它接着写。",
  },
  prompt_too_long: {
    title: "消息太长了",
    hint: "光是你这条消息加上系统提示词就已经超出了模型的上下文窗口。请缩短消息或系统提示词、调低 max_tokens，或者换一个上下文更长的模型。",
  },
  unknown: {
    title: "出了点问题",
    hint: "发生了意料之外的错误，请重试。如果一直出现，下面的详细信息可以帮维护者定位问题。",
  },
};
