// A history to search, for bench/search.mjs: conversations in English and in Chinese (with the
// English terms Chinese developers type among them), short questions, long answers with prose,
// lists and code blocks (TypeScript, Python, Bash, JSON), and some regenerated answers on other
// branches. Returned as a relaychat export file (format 2), so it can be imported through the app.
// Deterministic: the same options give the same file.
import { paragraph, rng, sentence } from "./content.mjs";

const ZH_WORDS = (
  "我们 你 这个 那个 问题 方法 需要 可以 如果 但是 因为 所以 然后 已经 还是 应该 其实 比较 简单 复杂 " +
  "部署 服务器 配置 端口 防火墙 反向代理 证书 域名 容器 镜像 数据库 连接池 索引 查询 缓存 延迟 并发 线程 进程 内存 " +
  "模型 令牌 额度 倍率 渠道 中转 接口 密钥 请求 响应 流式 输出 超时 重试 日志 报错 调试 测试 性能 优化 " +
  "前端 后端 组件 状态 渲染 路由 页面 按钮 表格 列表 样式 主题 移动端 浏览器 兼容 " +
  "文件 目录 脚本 命令 参数 变量 函数 类型 对象 数组 字符串 循环 条件 异常 返回 结果 " +
  "学习 计划 总结 文章 翻译 邮件 会议 周报 旅行 预算 健康 饮食 运动 睡眠 读书 电影"
).split(" ");
const ZH_TECH = "Docker Nginx Redis PostgreSQL Kubernetes React Next.js TypeScript Python API SSE JSON Git Linux token".split(" ");
const EN_TOPICS = "nginx buffering, docker compose, postgres indexes, react hooks, rust lifetimes, python asyncio, kubernetes ingress, css grid, git rebase, redis streams, tls certificates, vector search, unit testing, travel plans, meal prep, budgeting, email drafts".split(", ");
const ZH_TOPICS = "服务器部署, 数据库优化, 前端性能, 中转接口报错, 流式输出卡顿, 周报写作, 英文邮件翻译, 旅行计划, 健身饮食, 读书笔记, 学习路线, 面试准备".split(", ");

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

function zhSentence(rand, min = 6, max = 20) {
  const n = min + Math.floor(rand() * (max - min + 1));
  let s = "";
  for (let i = 0; i < n; i++) {
    s += rand() < 0.08 ? ` ${pick(rand, ZH_TECH)} ` : pick(rand, ZH_WORDS);
    if (i > 2 && i < n - 1 && rand() < 0.12) s += "，";
  }
  return `${s.trim()}${rand() < 0.15 ? "？" : "。"}`;
}

const zhParagraph = (rand, n) => Array.from({ length: n }, () => zhSentence(rand)).join("");

function code(rand, k) {
  const lang = pick(rand, ["ts", "python", "bash", "json", "tsx"]);
  const name = `${pick(rand, ["load", "parse", "retry", "stream", "index", "render", "fetch"])}${pick(rand, ["Config", "Rows", "Chunks", "Users", "Tokens"])}${k}`;
  const lines = {
    ts: [`export async function ${name}(input: string, timeoutMs = ${1000 + (k % 9) * 500}): Promise<string[]> {`, "  const controller = new AbortController();", "  const timer = setTimeout(() => controller.abort(), timeoutMs);", "  try {", "    const res = await fetch(input, { signal: controller.signal });", "    if (!res.ok) throw new Error(`HTTP ${res.status}`);", "    return (await res.text()).split(\"\\n\").filter(Boolean);", "  } finally {", "    clearTimeout(timer);", "  }", "}"],
    tsx: [`export function ${name[0].toUpperCase()}${name.slice(1)}({ items }: { items: string[] }) {`, "  const [query, setQuery] = useState(\"\");", "  const shown = useMemo(() => items.filter((i) => i.includes(query)), [items, query]);", "  return <ul>{shown.map((i) => <li key={i}>{i}</li>)}</ul>;", "}"],
    python: [`def ${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}(path, retries=${k % 5 + 1}):`, "    for attempt in range(retries):", "        try:", "            with open(path, encoding=\"utf-8\") as f:", "                return [line.strip() for line in f if line.strip()]", "        except OSError as err:", "            print(f\"attempt {attempt}: {err}\")", "    return []"],
    bash: ["set -euo pipefail", `docker run -d --name app${k} -p ${3000 + (k % 50)}:3000 -e BASE_URL=https://relay.example/v1 relaychat:latest`, "curl -fsS http://127.0.0.1:3000/api/health | jq .", "journalctl -u nginx --since \"10 min ago\" | grep -i upstream"],
    json: ["{", `  "model": "gpt-4o-mini",`, `  "temperature": ${(k % 10) / 10},`, `  "max_tokens": ${256 * (1 + (k % 8))},`, '  "stream": true,', `  "messages": [{ "role": "user", "content": "${sentence(rand, 3, 6)}" }]`, "}"],
  }[lang];
  return ["```" + lang, ...lines, "```"].join("\n");
}

function answer(rand, zh, k, size) {
  const parts = [];
  let length = 0;
  for (let block = 0; length < size; block++) {
    const r = rand();
    let p;
    if (r < 0.3) p = code(rand, `${k}_${block}`);
    else if (r < 0.5) p = Array.from({ length: 3 + Math.floor(rand() * 3) }, () => `- ${zh ? zhSentence(rand, 4, 12) : sentence(rand, 4, 12)}`).join("\n");
    else p = zh ? zhParagraph(rand, 2 + Math.floor(rand() * 4)) : paragraph(rand, 2 + Math.floor(rand() * 4));
    parts.push(p);
    length += p.length + 2;
  }
  return parts.join("\n\n");
}

function question(rand, zh, topic) {
  if (zh) return rand() < 0.7 ? `关于${topic}：${zhSentence(rand)}` : zhParagraph(rand, 2 + Math.floor(rand() * 3));
  return rand() < 0.7 ? `About ${topic}: ${sentence(rand)}` : paragraph(rand, 2 + Math.floor(rand() * 3));
}

/**
 * `messages` messages in `conversations` conversations; answers average about `answerChars`
 * characters (half of it prose, the rest lists and code); about 5 % of answers have a regenerated
 * sibling on another branch. Returns the export file and a few figures about it.
 */
export function searchHistory({ messages = 10_000, conversations = 300, answerChars = 2_500, seed = 7 } = {}) {
  const rand = rng(seed);
  const t0 = Date.UTC(2025, 0, 1);
  const perConv = Math.floor(messages / conversations);
  const list = [];
  let total = 0;
  let chars = 0;
  let k = 0;
  for (let c = 0; c < conversations; c++) {
    const zh = rand() < 0.45;
    const topic = zh ? pick(rand, ZH_TOPICS) : pick(rand, EN_TOPICS);
    const id = `search-bench-${String(c).padStart(4, "0")}`;
    const want = c === conversations - 1 ? messages - total : perConv;
    const msgs = [];
    let parentId = null;
    for (let i = 0; msgs.length < want; i++) {
      const user = i % 2 === 0;
      const createdAt = t0 + c * 3_600_000 + i * 60_000;
      const content = user ? question(rand, zh, topic) : answer(rand, zh, k, answerChars * (0.2 + rand() * 1.6));
      const m = { id: `${id}-m${i}`, parentId, role: user ? "user" : "assistant", content, status: "done", createdAt };
      msgs.push(m);
      chars += content.length;
      k++;
      // A regenerated answer: the earlier version stays on its own branch.
      if (!user && msgs.length < want - 1 && rand() < 0.05) {
        const alt = answer(rand, zh, k++, answerChars * 0.8);
        msgs.push({ id: `${id}-m${i}b`, parentId, role: "assistant", content: alt, status: "done", createdAt: createdAt + 1000 });
        chars += alt.length;
      }
      parentId = msgs.at(-1).id;
    }
    total += msgs.length;
    list.push({
      id,
      title: zh ? `${topic}：${zhSentence(rand, 2, 4).slice(0, -1)}` : `${topic[0].toUpperCase()}${topic.slice(1)}: ${sentence(rand, 2, 4).slice(0, -1)}`,
      titleSettled: true,
      createdAt: t0 + c * 3_600_000,
      updatedAt: t0 + c * 3_600_000 + msgs.length * 60_000,
      messages: msgs,
      leafId: msgs.at(-1).id,
      overrides: {},
      ledger: [],
    });
  }
  const file = { format: "relaychat", version: 2, exportedAt: new Date(t0).toISOString(), conversations: list };
  return { file, totalMessages: total, totalChars: chars };
}
