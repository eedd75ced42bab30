"use client";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { registerServiceWorker } from "@/lib/client/service-worker";
import { trackVisualViewport } from "@/lib/client/visual-viewport";
import { askConfigEarly, reachServerAtStart, watchForNewVersion } from "@/store/app-start";
import { startScreen } from "@/lib/client/start-screen";
import { AppError } from "@/lib/errors";
import { startPersistence } from "@/store/persist";
import { useAccess } from "@/store/access";
import { useConversations } from "@/store/conversations";
import { useSettings } from "@/store/settings";
import { FirstScreenLang, resolvedLanguage, useChosenLang } from "@/store/language";
import { loadDictionary, provideDictionary, type Dictionary, type Lang } from "@/lib/i18n";
import { ensureTokenizer } from "@/lib/client/tokenizer";
import { loadSendPath } from "@/store/send-path";
import { ensureModels } from "@/store/models";
import { AccessGate } from "./access-gate";
import { Sidebar } from "./sidebar/sidebar";
import { ChatView } from "./chat/chat-view";
// Settings (with the import validator) load on first open, keeping them out of the first page load.
const SettingsDialog = lazy(() => import("./settings/settings-dialog").then((m) => ({ default: m.SettingsDialog })));
// The prompt library (with the mask importer) loads on first open too.
const PromptLibrary = lazy(() => import("./prompts/prompt-library").then((m) => ({ default: m.PromptLibrary })));
// The search dialog too; fetched once the page is idle, so Ctrl+K opens it without a wait.
const loadSearchDialog = () => import("./search/search-dialog");
const SearchDialog = lazy(() => loadSearchDialog().then((m) => ({ default: m.SearchDialog })));
import { LazyErrorCard, preloadErrorCard } from "./chat/lazy-error-card";
import { Notices } from "./notices";
import { KeyboardShortcuts } from "./keyboard-shortcuts";
import { DoctorHost } from "./doctor/doctor-host";
import type { SettingsSection } from "./settings/settings-dialog";
import { preloadMarkdown } from "./chat/message-body";
import { preloadMessageList } from "./chat/thread-view";
import { startSearchIndex, useSearch } from "@/store/search";
import { useSearchShortcut } from "./search/use-search-shortcut";
import { KeptDraftNote } from "./kept-draft-note";

// The config (and the dictionary of a language other than English) are asked for while React is
// still hydrating: the shell shows once the config says no code is needed.
if (typeof window !== "undefined") {
  void askConfigEarly().catch(() => undefined);
  void loadDictionary(resolvedLanguage()).catch(() => undefined);
}

function useThemeClass() {
  const theme = useSettings((s) => s.theme);
  useEffect(() => {
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const apply = () => document.documentElement.classList.toggle("dark", theme === "dark" || (theme === "system" && media.matches));
    apply();
    media.addEventListener("change", apply);
    return () => media.removeEventListener("change", apply);
  }, [theme]);
}

/**
 * What the server knew when it rendered the first screen (app/start/[lang]/page.tsx): that no code
 * is needed, and the language, with its dictionary when not English. The page is then the chat
 * shell as HTML, its composer taking text before the scripts run, and hydration renders the same.
 */
export interface FirstScreen {
  codeRequired: false;
  lang: Lang;
  dictionary?: Dictionary;
}

/**
 * Loads stored data and the server config, and shows the access gate or the chat: the chat as soon
 * as the config says no code is needed (lib/client/start-screen.ts), while storage still loads.
 */
export function ChatApp({ firstScreen }: { firstScreen?: FirstScreen }) {
  if (firstScreen?.dictionary) provideDictionary(firstScreen.lang, firstScreen.dictionary);
  // Buttons of a server-rendered page take clicks from here on (app/globals.css).
  useEffect(() => document.documentElement.setAttribute("data-hydrated", ""), []);
  return (
    <FirstScreenLang.Provider value={firstScreen?.lang ?? null}>
      <ChatAppScreens firstScreen={firstScreen} />
    </FirstScreenLang.Provider>
  );
}

function ChatAppScreens({ firstScreen }: { firstScreen?: FirstScreen }) {
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState<false | { section?: SettingsSection }>(false);
  const [promptsOpen, setPromptsOpen] = useState(false);
  const started = useAccess((s) => s.started);
  const config = useAccess((s) => s.config);
  const configError = useAccess((s) => s.configError);
  const verified = useAccess((s) => s.verified);
  // Until the config says otherwise, what the server rendered the page for.
  const codeRequired = useAccess((s) => s.codeRequired) ?? firstScreen?.codeRequired ?? null;
  // Only the start waits for the dictionary: a language switched later shows once its dictionary is in.
  const { lang, ready: dictionaryReady } = useChosenLang();
  const searchOpen = useSearch((s) => s.open);
  // Once the chat is on screen it stays: a stored language whose dictionary is still loading must
  // not take the composer away (and with it what the user typed); the text shows in English until then.
  const chatShown = useRef(false);
  const screen = startScreen({ failed: configError !== null, codeRequired, started, verified, dictionaryReady: dictionaryReady || started || chatShown.current });
  if (screen === "chat") chatShown.current = true;
  useThemeClass();
  useSearchShortcut(started && screen === "chat");

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => trackVisualViewport(), []);

  useEffect(() => {
    const stored = startPersistence().then(() => {
      const { conversations, currentId, create } = useConversations.getState();
      if (!currentId || !conversations[currentId]) create();
      // A stored conversation needs the renderer at once: fetch it beside the config check.
      else if (conversations[currentId].messages.length > 0) {
        preloadMessageList();
        preloadMarkdown();
      }
    });
    reachServerAtStart(stored)
      .then(() => useAccess.setState({ started: true }))
      .catch((err: unknown) => useAccess.getState().setConfigError(err instanceof AppError ? err.toInfo() : { code: "network", status: 0, message: String(err) }));
    watchForNewVersion();
  }, []);

  // Once the composer is up (not before: it would compete with what makes it usable), fetch the
  // send path and the markdown renderer for the first answer, then warm the tokenizer worker for
  // the first send.
  const shellShown = started && config !== null;
  useEffect(() => {
    if (!shellShown) return;
    const markdown = setTimeout(() => {
      void loadSendPath().catch(() => undefined);
      preloadMessageList();
      preloadMarkdown();
      preloadErrorCard();
    }, 50);
    const tokenizer = setTimeout(() => {
      void ensureTokenizer(useSettings.getState().defaults.model).catch(() => undefined);
      void import("@/lib/client/chat-stream-offthread").then((m) => m.warmChatStreamWorker(), () => undefined);
    }, 1500);
    // Offline use: the worker fetches the shell again to keep it, so it waits for the first screen.
    const worker = setTimeout(() => void registerServiceWorker(), 2000);
    // After the tokenizer: the search index reads the whole history, in idle moments.
    const search = setTimeout(() => {
      void loadSearchDialog();
      void startSearchIndex();
    }, 2500);
    return () => {
      clearTimeout(markdown);
      clearTimeout(tokenizer);
      clearTimeout(worker);
      clearTimeout(search);
    };
  }, [shellShown]);

  // The live model list, once the composer is usable and the code (if any) accepted: the page
  // never waits on the upstream's /v1/models.
  const canCall = shellShown && (!config?.codeRequired || verified);
  useEffect(() => {
    if (!canCall) return;
    const models = setTimeout(ensureModels, 300);
    return () => clearTimeout(models);
  }, [canCall]);

  if (screen === "error" && configError) {
    return (
      <div className="mx-auto max-w-md p-6">
        <LazyErrorCard error={configError} />
        <KeptDraftNote />
        <DoctorHost />
      </div>
    );
  }
  if (screen === "wait") {
    // Notices here too: a storage upgrade waiting for another tab explains the wait.
    return (
      <div className="flex h-dvh flex-col items-center justify-center gap-3 text-zinc-400">
        <Notices />
        <span>…</span>
      </div>
    );
  }
  if (screen === "gate") {
    return (
      <>
        <AccessGate />
        <DoctorHost />
      </>
    );
  }

  return (
    <div className="app-height flex overflow-hidden">
      <Sidebar open={sidebarOpen} onClose={() => setSidebarOpen(false)} onOpenPrompts={() => setPromptsOpen(true)} />
      <ChatView onOpenSidebar={() => setSidebarOpen(true)} onOpenSettings={(section) => setSettingsOpen({ section })} />
      {started && <KeyboardShortcuts />}
      {settingsOpen && (
        <Suspense fallback={null}>
          <SettingsDialog section={settingsOpen.section} onClose={() => setSettingsOpen(false)} />
        </Suspense>
      )}
      {promptsOpen && (
        <Suspense fallback={null}>
          <PromptLibrary onClose={() => setPromptsOpen(false)} />
        </Suspense>
      )}
      {searchOpen && (
        <Suspense fallback={null}>
          <SearchDialog />
        </Suspense>
      )}
      <DoctorHost />
    </div>
  );
}
