/** 搜索的简体中文文案（并入 ui.zh-CN.ts；键与 ui.search.en.ts 一致）。 */
import type { SearchKey } from "./ui.search.en";

export const searchZhCN: Record<SearchKey, string> = {
  "search.button": "搜索",
  "search.title": "搜索对话",
  "search.placeholder": "搜索标题和消息…",
  "search.close": "关闭搜索",
  "search.hint": "在所有对话的标题和消息中查找，包括回答的每个版本。输入多个词时，只列出同时包含这些词的消息。",
  "search.indexing": "正在读取你的对话…",
  "search.noResults": "没有找到“{query}”",
  "search.noResultsHint": "检查一下拼写，或者换用更少、更短的词。回收站里的对话不参与搜索。",
  "search.failed": "搜索出错：{message}。请关闭搜索后重新打开；如果仍然出错，请刷新页面。",
  "search.count": "{count} 个对话",
  "search.countMore": "超过 {count} 个对话",
  "search.showMore": "显示更多",
  "search.matches": "{count} 条消息匹配",
  "search.titleMatch": "标题",
  "search.otherBranch": "其他版本",
  "search.keys": "↑ ↓ 选择 · Enter 打开 · Esc 关闭",
};
