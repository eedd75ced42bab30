"use client";
import { memo, startTransition, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { ChatMessage, Conversation } from "@/lib/types";
import type { SearchAnswer, SearchGroup } from "@/lib/search/search-index";
import { groupsForOptions, type ResultOption } from "@/lib/search/results";
import { buildSnippet, markTerms, type SnippetPart } from "@/lib/search/snippet";
import { threadOf } from "@/lib/chat/thread";
import { useConversations } from "@/store/conversations";
import { useLang, useT } from "@/store/language";

const byId = new WeakMap<ChatMessage[], Map<string, ChatMessage>>();
const shownIds = new WeakMap<ChatMessage[], Set<string>>();

/**
 * Options rendered with an answer: about a screenful of the panel. The groups after them render
 * only when the list is scrolled near its end (or the arrow keys reach them), not with each
 * answer: while typing, rows below the fold would cost every keystroke a second render and frame.
 */
const SCREENFUL_OPTIONS = 8;
const MORE_GROUPS = 10;

export function messageOf(c: Conversation, id: string): ChatMessage | undefined {
  let map = byId.get(c.messages);
  if (!map) byId.set(c.messages, (map = new Map(c.messages.map((m) => [m.id, m]))));
  return map.get(id);
}

/** false when the message is on a branch the conversation does not show now. */
function isShown(c: Conversation, id: string): boolean {
  const thread = threadOf(c);
  let ids = shownIds.get(thread);
  if (!ids) shownIds.set(thread, (ids = new Set(thread.map((m) => m.id))));
  return ids.has(id);
}

function Marked({ parts }: { parts: SnippetPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.match ? (
          <mark key={i} data-testid="search-highlight" className="search-mark">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

const optionClass = (active: boolean) => `block w-full cursor-pointer rounded-md px-3 py-2 text-left ${active ? "bg-emerald-100 dark:bg-emerald-900/50" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`;

interface GroupProps {
  group: SearchGroup;
  conversation: Conversation;
  terms: string[];
  /** Option index → position in the whole list, for this group's options that can be chosen. */
  indexOf: Map<string, number>;
  /** The active option's index when it is in this group, else -1 (so other groups skip re-rendering). */
  active: number;
  date: Intl.DateTimeFormat;
  optionId: (index: number) => string;
  onHover: (index: number) => void;
  onChoose: (option: ResultOption) => void;
}

/** One conversation's results: the title (an option itself when it matches), then its message hits. */
const ResultGroup = memo(function ResultGroup({ group: g, conversation: c, terms, indexOf, active, date, optionId, onHover, onChoose }: GroupProps) {
  const t = useT();
  const title = c.title || t("sidebar.untitled");
  const option = (o: ResultOption, children: ReactNode, kind: "title" | "message") => {
    const i = indexOf.get(o.key)!;
    return (
      <div
        key={o.key}
        id={optionId(i)}
        role="option"
        aria-selected={i === active}
        data-testid="search-result"
        data-kind={kind}
        data-conv-id={o.convId}
        data-message-id={o.messageId}
        className={optionClass(i === active)}
        onMouseMove={() => i !== active && onHover(i)}
        // Keep the focus in the input while choosing with the mouse.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => onChoose(o)}
      >
        {children}
      </div>
    );
  };
  const header = (
    <div className="flex flex-col sm:flex-row sm:items-baseline sm:gap-2">
      <span className="min-w-0 flex-1 truncate text-sm font-medium">{g.titleAt >= 0 ? <Marked parts={markTerms(title, terms)} /> : title}</span>
      <span className="shrink-0 text-xs text-zinc-500">
        {g.total > 0 && `${t("search.matches", { count: g.total })} · `}
        {date.format(c.updatedAt)}
      </span>
    </div>
  );
  const titleKey = `${g.convId}\u0000`;
  return (
    <div role="group" aria-label={title} data-testid="search-group" data-conv-id={g.convId} className="border-b border-zinc-100 py-1 last:border-0 dark:border-zinc-800">
      {indexOf.has(titleKey) ? option({ key: titleKey, convId: g.convId }, header, "title") : <div className="px-3 pb-1 pt-2">{header}</div>}
      {g.hits.map((h) => {
        const key = `${g.convId}\u0000${h.messageId}`;
        const m = messageOf(c, h.messageId);
        if (!m || !indexOf.has(key)) return null;
        const snippet = buildSnippet(m.content, terms, h.at);
        return option(
          { key, convId: g.convId, messageId: h.messageId },
          <>
            <span className="block text-xs text-zinc-500">
              {t(m.role === "user" ? "message.you" : "message.assistant")}
              {!isShown(c, m.id) && <span className="ml-2 rounded bg-zinc-200 px-1 text-[11px] text-zinc-600 dark:bg-zinc-700 dark:text-zinc-300">{t("search.otherBranch")}</span>}
            </span>
            <span className="line-clamp-2 break-words text-sm text-zinc-700 dark:text-zinc-300">
              {snippet.cutStart && "…"}
              <Marked parts={snippet.parts} />
              {snippet.cutEnd && "…"}
            </span>
          </>,
          "message",
        );
      })}
    </div>
  );
});

interface Props {
  answer: SearchAnswer;
  /** The options that can be chosen (hits whose message still exists), in list order. */
  options: ResultOption[];
  active: number;
  listId: string;
  optionId: (index: number) => string;
  onHover: (index: number) => void;
  onChoose: (option: ResultOption) => void;
}

/**
 * The results, grouped by conversation (newest first), each match marked in a short snippet. Text
 * is read from the store when an answer arrives: the answer, not every store change (a streamed
 * token), re-renders the list. Only the groups that fill the panel render with each answer; more
 * follow as the list is scrolled or the arrow keys reach them.
 */
export const SearchResults = memo(function SearchResults({ answer, options, active, listId, optionId, onHover, onChoose }: Props) {
  const t = useT();
  const lang = useLang();
  const conversations = useConversations.getState().conversations;
  const indexOf = useMemo(() => new Map(options.map((o, i) => [o.key, i])), [options]);
  const date = useMemo(() => new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric" }), [lang]);
  const groupOf = useMemo(() => new Map(options.map((o) => [o.key, o.convId])), [options]);
  const activeConv = groupOf.get(options[active]?.key ?? "");

  // Groups below the panel render when scrolled or moved to: a keystroke renders only what shows.
  const first = groupsForOptions(answer.groups, SCREENFUL_OPTIONS);
  const [progress, setProgress] = useState({ answer, count: first });
  if (progress.answer !== answer) setProgress({ answer, count: first });
  const activeGroup = answer.groups.findIndex((g) => g.convId === activeConv);
  const count = Math.max(progress.answer === answer ? progress.count : first, activeGroup + 2);
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || count >= answer.groups.length) return;
    // Half a panel ahead of the scrolling list's end, so scrolling rarely meets the end.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) startTransition(() => setProgress({ answer, count: count + MORE_GROUPS }));
      },
      { root: el.closest<HTMLElement>('[data-testid="search-body"]'), rootMargin: "0px 0px 50% 0px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [answer, count]);

  // Only when the active option moves, not with a new answer: scrollIntoView forces a layout, and
  // doing it for every answer was the largest script cost of a keystroke. A new answer brings the
  // list back to the top in the dialog (search-dialog.tsx).
  const scrolledFor = useRef(answer);
  useEffect(() => {
    if (scrolledFor.current !== answer) {
      scrolledFor.current = answer;
      return;
    }
    document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" });
    // optionId is stable for the dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, answer]);

  return (
    <div id={listId} role="listbox" aria-label={t("search.title")} data-testid="search-results" className="px-2 py-1">
      {answer.groups.slice(0, count).map((g) => {
        const c = conversations[g.convId];
        if (!c) return null;
        return (
          <ResultGroup
            key={g.convId}
            group={g}
            conversation={c}
            terms={answer.terms}
            indexOf={indexOf}
            active={activeConv === g.convId ? active : -1}
            date={date}
            optionId={optionId}
            onHover={onHover}
            onChoose={onChoose}
          />
        );
      })}
      {count < answer.groups.length && <div ref={sentinel} className="h-px" />}
    </div>
  );
});
