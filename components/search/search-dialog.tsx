"use client";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { resultOptions, type ResultOption } from "@/lib/search/results";
import { MAX_QUERY_LENGTH } from "@/lib/search/fold";
import { useConversations } from "@/store/conversations";
import { closeSearch, openSearchResult, setSearchQuery, showMoreResults, useSearch } from "@/store/search";
import { useT } from "@/store/language";
import { SearchIcon, XIcon } from "@/components/ui/icons";
import { messageOf, SearchResults } from "./search-results";

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The search palette (Ctrl/⌘+K): a combobox over a list of results grouped by conversation. Arrow
 * keys move, Enter opens, Escape closes; Tab stays inside, and the focus goes back where it was
 * on close. Full screen on a phone, a panel near the top on wider screens.
 */
export function SearchDialog() {
  const t = useT();
  const id = useId();
  const listId = `${id}-list`;
  const optionId = useCallback((i: number) => `${id}-opt-${i}`, [id]);
  const query = useSearch((s) => s.query);
  const shown = useSearch((s) => s.answer);
  const error = useSearch((s) => s.error);
  // The active option belongs to the answer it was chosen in: a new answer starts at the first
  // (derived while rendering, not reset by an effect and a second render).
  const [picked, setPicked] = useState<{ shown: typeof shown; index: number }>({ shown: null, index: 0 });
  const active = picked.shown === shown ? picked.index : 0;
  const setActive = useCallback((next: number | ((i: number) => number)) => setPicked((p) => ({ shown, index: typeof next === "function" ? next(p.shown === shown ? p.index : 0) : next })), [shown]);
  const input = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  // Hits whose message was deleted since the index was last told are left out.
  const options = useMemo(() => {
    if (!shown) return [];
    const { conversations } = useConversations.getState();
    return resultOptions(shown.answer).filter((o) => {
      const c = conversations[o.convId];
      return c && (!o.messageId || messageOf(c, o.messageId));
    });
  }, [shown]);

  // A new answer shows from the top. Only when the list was scrolled: setting scrollTop forces a layout.
  const body = useRef<HTMLDivElement>(null);
  const scrolled = useRef(false);
  useEffect(() => {
    if (scrolled.current && body.current) body.current.scrollTop = 0;
    scrolled.current = false;
  }, [shown]);

  // Read while rendering, before the input's autoFocus takes the focus.
  const [returnTo] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => {
    input.current?.select();
    return () => {
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, [returnTo]);

  const choose = useCallback((o: ResultOption) => openSearchResult(o.convId, o.messageId), []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      closeSearch();
    } else if (e.key === "Tab") {
      const items = [...(panel.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
      const at = items.indexOf(document.activeElement as HTMLElement);
      if (items.length && (e.shiftKey ? at <= 0 : at === items.length - 1)) {
        e.preventDefault();
        items[e.shiftKey ? items.length - 1 : 0].focus();
      }
    }
  };

  const onInputKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    const n = options.length;
    if ((e.key === "ArrowDown" || e.key === "ArrowUp") && n) {
      e.preventDefault();
      setActive((i) => (i + (e.key === "ArrowDown" ? 1 : -1) + n) % n);
    } else if (e.key === "Enter" && n) {
      e.preventDefault();
      choose(options[Math.min(active, n - 1)]);
    }
  };

  const answer = shown?.answer;
  const empty = Boolean(answer && answer.groups.length === 0 && shown!.query.trim());
  const count = answer?.groups.length ?? 0;
  const state = !query.trim() ? "idle" : error ? "error" : !shown ? "pending" : empty ? "empty" : "results";
  return (
    <div className="fixed inset-0 z-40 flex items-stretch justify-center bg-black/40 sm:items-start sm:p-4 sm:pt-[10vh]" onClick={closeSearch}>
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-label={t("search.title")}
        data-testid="search-dialog"
        className="flex max-h-dvh w-full max-w-2xl flex-col bg-white shadow-xl dark:bg-zinc-900 sm:max-h-[75dvh] sm:rounded-2xl"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <div className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
          <SearchIcon className="h-5 w-5 shrink-0 text-zinc-400" />
          <input
            ref={input}
            data-testid="search-input"
            role="combobox"
            aria-expanded={options.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={options.length ? optionId(active) : undefined}
            aria-label={t("search.title")}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
            maxLength={MAX_QUERY_LENGTH}
            placeholder={t("search.placeholder")}
            className="min-w-0 flex-1 bg-transparent py-2 text-base outline-none placeholder:text-zinc-400"
            value={query}
            onChange={(e) => setSearchQuery(e.target.value)}
            onKeyDown={onInputKeyDown}
          />
          <button type="button" data-testid="search-close" aria-label={t("search.close")} className="flex h-11 w-11 items-center justify-center rounded-lg hover:bg-zinc-100 dark:hover:bg-zinc-800" onClick={closeSearch}>
            <XIcon className="h-5 w-5" />
          </button>
        </div>
        <div ref={body} data-testid="search-body" data-state={state} data-query={shown?.query ?? ""} className="min-h-0 flex-1 overflow-y-auto" onScroll={(e) => (scrolled.current = e.currentTarget.scrollTop > 0)}>
          {state === "idle" && <p className="px-5 py-6 text-sm text-zinc-500">{t("search.hint")}</p>}
          {state === "pending" && <p className="px-5 py-6 text-sm text-zinc-500">{t("search.indexing")}</p>}
          {state === "error" && <p role="alert" className="px-5 py-6 text-sm text-red-600 dark:text-red-400">{t("search.failed", { message: error ?? "" })}</p>}
          {state === "empty" && (
            <div data-testid="search-empty" className="px-5 py-6 text-sm">
              <p className="font-medium">{t("search.noResults", { query: shown!.query.trim() })}</p>
              <p className="mt-1 text-zinc-500">{t("search.noResultsHint")}</p>
            </div>
          )}
          {state === "results" && answer && (
            <>
              <SearchResults answer={answer} options={options} active={active} listId={listId} optionId={optionId} onHover={setActive} onChoose={choose} />
              {answer.more && (
                <div className="px-4 pb-3">
                  <button type="button" data-testid="search-more" className="w-full rounded-lg border border-zinc-300 py-2 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800" onClick={showMoreResults}>
                    {t("search.showMore")}
                  </button>
                </div>
              )}
            </>
          )}
        </div>
        <div className="flex items-center justify-between gap-2 border-t border-zinc-200 px-4 py-2 text-xs text-zinc-500 dark:border-zinc-800">
          <span data-testid="search-count" aria-live="polite">
            {state === "results" && (answer?.more ? t("search.countMore", { count }) : t("search.count", { count }))}
          </span>
          <span className="hidden sm:inline">{t("search.keys")}</span>
        </div>
      </div>
    </div>
  );
}
