"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { newId } from "@/lib/id";
import { builtinPrompts } from "@/lib/prompts/builtins";
import { draftOf, duplicatePrompt, modelStatus, promptFromDraft, searchPrompts, sortPrompts, type PromptDraft, type StarterMessage } from "@/lib/prompts/library";
import type { SavedPrompt } from "@/lib/types";
import { useAccess } from "@/store/access";
import { useConversations } from "@/store/conversations";
import { useLang, useT } from "@/store/language";
import { ensureModels, useModels } from "@/store/models";
import { deletePrompt, promptFromCurrentChat, savePrompt, startChatFromPrompt } from "@/store/prompt-actions";
import { usePrompts } from "@/store/prompts";
import { Dialog } from "@/components/ui/dialog";
import { PlusIcon } from "@/components/ui/icons";
import { MaskImport, type MaskImportHandle } from "./mask-import";
import { PromptEditor } from "./prompt-editor";
import { PromptItem } from "./prompt-item";

interface Editing {
  heading: string;
  base: { id: string; createdAt: number; source?: string };
  draft: PromptDraft;
  chatMessages?: StarterMessage[];
}

const tool = "inline-flex min-h-11 items-center gap-1 rounded-md border border-zinc-300 px-2.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800 sm:min-h-9";
const EMPTY: PromptDraft = { name: "", systemPrompt: "", model: null, temperature: null, historyCount: null, starters: [] };
// How many of a chat's first messages "save as prompt" offers as starters.
const CHAT_STARTERS_MAX = 10;

/**
 * The prompt library: the user's prompts and the built-ins, searchable; each can start a chat.
 * Create, edit, copy, delete (with Undo), save the open chat's setup, and import NextChat masks.
 */
export function PromptLibrary({ onClose }: { onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const saved = usePrompts((s) => s.prompts);
  const [query, setQuery] = useState("");
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleted, setDeleted] = useState<SavedPrompt | null>(null);
  const [status, setStatus] = useState("");
  const maskImport = useRef<MaskImportHandle>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const live = useModels((s) => s.models);
  const liveRestricted = useModels((s) => s.restricted);
  const config = useAccess((s) => s.config);
  const hasMessages = useConversations((s) => (s.currentId ? (s.conversations[s.currentId]?.messages.length ?? 0) > 0 : false));

  useEffect(() => {
    ensureModels();
    // A keyboard user starts typing at once; on a touch screen the keyboard would hide the list.
    if (window.matchMedia("(pointer: fine)").matches) search.current?.focus();
  }, []);

  // Back from the editor: the focus goes to the search, not to the page behind the dialog.
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) search.current?.focus();
    wasEditing.current = editing !== null;
  }, [editing]);

  const statusOf = useMemo(() => {
    const options = live ?? config?.models ?? [];
    const restricted = liveRestricted || (config?.modelsRestricted ?? false);
    return (p: SavedPrompt) => (p.params?.model ? modelStatus(p.params.model, options, restricted) : undefined);
  }, [live, liveRestricted, config]);
  const mine = useMemo(() => searchPrompts(sortPrompts(saved), query), [saved, query]);
  const builtins = useMemo(() => searchPrompts(builtinPrompts(lang), query), [lang, query]);

  const use = useCallback((p: SavedPrompt) => {
    startChatFromPrompt(p);
    onClose();
  }, [onClose]);
  const edit = useCallback((p: SavedPrompt) => setEditing({ heading: t("prompts.heading.edit"), base: p, draft: draftOf(p) }), [t]);
  const duplicate = useCallback((p: SavedPrompt) => {
    const copy = duplicatePrompt(p, { id: newId(), now: Date.now(), name: t("prompts.copyName", { name: p.name }) });
    savePrompt(copy);
    setStatus(t("prompts.status.copied", { name: copy.name }));
    // The copy is now first in "Your prompts": take the focus to it, ready to edit.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-prompt-id="${CSS.escape(copy.id)}"] [data-testid="prompt-edit"]`)?.focus());
  }, [t]);
  const remove = useCallback((p: SavedPrompt) => {
    if (!deletePrompt(p.id)) return;
    setDeleted(p);
    setStatus("");
    requestAnimationFrame(() => undoButton.current?.focus());
  }, []);

  const startNew = () => setEditing({ heading: t("prompts.heading.new"), base: { id: newId(), createdAt: Date.now() }, draft: EMPTY });
  const startFromChat = () => {
    const conv = useConversations.getState();
    const title = (conv.currentId && conv.conversations[conv.currentId]?.title) || t("sidebar.untitled");
    const p = promptFromCurrentChat(title, CHAT_STARTERS_MAX);
    if (!p) return;
    setEditing({ heading: t("prompts.heading.fromChat"), base: { id: p.id, createdAt: p.createdAt }, draft: { ...draftOf(p), starters: [] }, chatMessages: p.starters ?? [] });
  };
  const save = (draft: PromptDraft) => {
    if (!editing) return;
    const p = promptFromDraft(draft, editing.base, Date.now());
    savePrompt(p);
    setEditing(null);
    setDeleted(null);
    setStatus(t("prompts.status.saved", { name: p.name }));
  };

  const title = t("prompts.title");
  if (editing) {
    return (
      <Dialog title={title} testId="prompt-library-dialog" closeLabel={t("prompts.close")} onClose={onClose} onDismiss={() => setEditing(null)} wide>
        <PromptEditor heading={editing.heading} initial={editing.draft} chatMessages={editing.chatMessages} onSave={save} onCancel={() => setEditing(null)} />
      </Dialog>
    );
  }
  const nothingFound = query.trim() !== "" && mine.length === 0 && builtins.length === 0;
  return (
    <Dialog title={title} testId="prompt-library-dialog" closeLabel={t("prompts.close")} onClose={onClose} wide>
      <div className="space-y-3 border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
        <input
          ref={search}
          type="search"
          data-testid="prompt-search"
          aria-label={t("prompts.search")}
          placeholder={t("prompts.search")}
          className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm outline-none focus:border-emerald-500 dark:border-zinc-700 dark:bg-zinc-950"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div className="flex flex-wrap gap-2">
          <button type="button" data-testid="prompt-new" className={tool} onClick={startNew}><PlusIcon /> {t("prompts.new")}</button>
          <button type="button" data-testid="prompt-save-chat" className={tool} onClick={startFromChat} title={hasMessages ? undefined : t("prompts.saveChatEmpty")}>{t("prompts.saveChat")}</button>
          <button type="button" data-testid="prompt-import-masks" className={tool} onClick={() => maskImport.current?.choose()}>{t("prompts.importMasks")}</button>
        </div>
        <MaskImport ref={maskImport} />
        {deleted && (
          <p data-testid="prompt-undo-bar" role="status" className="flex flex-wrap items-center gap-2 rounded-md bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-800">
            <span className="flex-1">{t("prompts.status.deleted", { name: deleted.name })}</span>
            <button ref={undoButton} type="button" data-testid="prompt-undo" className="min-h-11 rounded border border-current px-3 text-xs font-semibold sm:min-h-7" onClick={() => {
              savePrompt(deleted);
              setDeleted(null);
              setStatus(t("prompts.status.restored", { name: deleted.name }));
            }}>
              {t("notice.undo")}
            </button>
          </p>
        )}
        {status && <p data-testid="prompt-status" role="status" className="text-sm text-emerald-700 dark:text-emerald-400">{status}</p>}
      </div>
      <div className="min-h-0 flex-1 space-y-5 overflow-y-auto px-5 py-4">
        {nothingFound && <p data-testid="prompt-no-match" className="text-sm text-zinc-500">{t("prompts.noMatch", { query: query.trim() })}</p>}
        {(!query.trim() || mine.length > 0) && (
          <section aria-labelledby="prompts-mine">
            <h3 id="prompts-mine" className="mb-2 text-xs font-semibold uppercase tracking-wide text-zinc-500">{t("prompts.mine", { count: saved.length })}</h3>
            {saved.length === 0 && <p className="text-sm text-zinc-500">{t("prompts.mineEmpty")}</p>}
            <ul data-testid="prompt-list-mine" className="space-y-2">
              {mine.map((p) => <PromptItem key={p.id} prompt={p} modelStatus={statusOf(p)} onUse={use} onEdit={edit} onDuplicate={duplicate} onDelete={remove} />)}
            </ul>
          </section>
        )}
        {builtins.length > 0 && (
          <section aria-labelledby="prompts-builtin">
            <h3 id="prompts-builtin" className="mb-2 text-xs font-semibold uppercase tracking-wide text-zinc-500">{t("prompts.builtins")}</h3>
            <ul data-testid="prompt-list-builtin" className="space-y-2">
              {builtins.map((p) => <PromptItem key={p.id} prompt={p} modelStatus={statusOf(p)} onUse={use} onEdit={edit} onDuplicate={duplicate} onDelete={remove} />)}
            </ul>
          </section>
        )}
      </div>
    </Dialog>
  );
}
