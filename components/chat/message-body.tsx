"use client";
import { lazy, Suspense, type ComponentType } from "react";
import type { ChatMessage } from "@/lib/types";
import { useStreaming } from "@/store/streaming";
import { useT } from "@/store/language";
import { useStreamReserve } from "./use-stream-reserve";

type MarkdownProps = { content: string; streaming: boolean; messageId?: string };
let loaded: ComponentType<MarkdownProps> | null = null;
let loading: Promise<{ default: ComponentType<MarkdownProps> }> | null = null;
const loadMarkdown = () =>
  (loading ??= import("./markdown").then((m) => {
    loaded = m.default;
    return m;
  }));
const LazyMarkdown = lazy(loadMarkdown);

/**
 * The renderer itself once its chunk is in, else the lazy one. A lazy component suspends on its
 * first render even when the chunk was preloaded, and React then holds the fallback for up to
 * 300 ms before revealing: a stored conversation would show plain text that long for nothing.
 */
function Markdown(props: MarkdownProps) {
  const Loaded = loaded;
  return Loaded ? <Loaded {...props} /> : <LazyMarkdown {...props} />;
}

/** Starts fetching the renderer early so stored answers render sooner. */
export function preloadMarkdown(): void {
  void loadMarkdown().catch(() => {
    // A failed chunk (offline, deploy in between) is tried again when a message needs it.
    loading = null;
  });
}

function PlainText({ text }: { text: string }) {
  return <div className="whitespace-pre-wrap break-words">{text}</div>;
}

/** Reasoning is shown folded, once, and is never sent back to the model. */
function ReasoningBlock({ text, ms, streaming }: { text: string; ms?: number; streaming: boolean }) {
  const t = useT();
  const label = ms ? t("message.reasoningFor", { seconds: (ms / 1000).toFixed(1) }) : t("message.reasoning");
  return (
    <details data-testid="reasoning-block" open={streaming && !ms} className="mb-2 rounded-md border-l-2 border-zinc-300 pl-3 text-sm text-zinc-500 dark:border-zinc-600 dark:text-zinc-400">
      <summary className="cursor-pointer select-none">{label}</summary>
      <div className="mt-1 whitespace-pre-wrap">{text}</div>
    </details>
  );
}

/**
 * The text of an assistant answer. While it streams, the renderer follows the streaming store
 * itself (components/chat/markdown.tsx), so an update that only adds text renders nothing here.
 */
export function MessageBody({ message }: { message: ChatMessage }) {
  const streaming = message.status === "streaming";
  const id = message.id;
  const liveHasText = useStreaming((s) => streaming && (s.live[id]?.content.length ?? 0) > 0);
  const liveReasoning = useStreaming((s) => (streaming ? s.live[id]?.reasoning : undefined));
  const liveReasoningMs = useStreaming((s) => (streaming ? s.live[id]?.reasoningMs : undefined));
  const content = message.content;
  const reasoning = liveReasoning ?? message.reasoning ?? "";
  const reasoningMs = liveReasoningMs ?? message.reasoningMs;
  // Room below the answer while it streams, so most updates change no height outside it.
  const reserve = useStreamReserve(streaming);
  return (
    <div data-testid="message-content" className="min-w-0" ref={reserve.box}>
      <div ref={reserve.content}>
        {reasoning && <ReasoningBlock text={reasoning} ms={reasoningMs} streaming={streaming} />}
        {content || liveHasText ? (
          <Suspense fallback={<PlainText text={content} />}>
            <Markdown content={content} streaming={streaming} messageId={id} />
          </Suspense>
        ) : streaming ? (
          <span className="inline-block h-4 w-2 animate-pulse bg-zinc-400" aria-hidden="true" />
        ) : null}
      </div>
    </div>
  );
}
