/** English strings of the search (merged into ui.en.ts; keys shared with ui.search.zh-CN.ts). */
export const searchEn = {
  "search.button": "Search",
  "search.title": "Search conversations",
  "search.placeholder": "Search titles and messages…",
  "search.close": "Close search",
  "search.hint": "Finds text in every conversation's title and messages, every version of an answer included. With several words, a message must hold all of them.",
  "search.indexing": "Reading your conversations…",
  "search.noResults": "Nothing found for “{query}”",
  "search.noResultsHint": "Check the spelling, or try fewer or shorter words. Conversations in the trash are not searched.",
  "search.failed": "Search failed: {message}. Close the search and open it again; if that does not help, reload the page.",
  "search.count": "{count} {count|conversation|conversations}",
  "search.countMore": "More than {count} {count|conversation|conversations}",
  "search.showMore": "Show more",
  "search.matches": "{count} matching {count|message|messages}",
  "search.titleMatch": "Title",
  "search.otherBranch": "other version",
  "search.keys": "↑ ↓ to move · Enter to open · Esc to close",
};

export type SearchKey = keyof typeof searchEn;
