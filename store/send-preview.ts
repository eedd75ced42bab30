/** The live next-send preview of the open conversation, for the composer. */
import { useMemo, useSyncExternalStore } from "react";
import { sendableHistory } from "@/lib/context";
import { threadOf } from "@/lib/chat/thread";
import { splitAtTopic } from "@/lib/chat/topic";
import { capabilitiesFor } from "@/lib/models/capabilities";
import { computeSendPreview, type SendPreview } from "@/lib/send-preview";
import { countMessage, subscribeTokenCounts, tokenCountsVersion } from "@/lib/client/tokenizer";
import { messagesByteBudget } from "@/lib/chat/chat-request";
import type { ApiMessage, ChatParams, Conversation, ImageRef } from "@/lib/types";
import { useSettings } from "./settings";
import { useAccess } from "./access";
import { maxRequestBytes } from "./run-control";

export interface PreviewState {
  preview: SendPreview;
  history: Array<ApiMessage & { id: string }>;
  params: ChatParams;
  /** false while some counts are still estimates (the tokenizer worker has not answered yet). */
  exact: boolean;
  /** Messages a "new topic" mark keeps out of every request (0 without a mark). */
  hiddenByTopic: number;
  /** The model is flagged as seeing images (name guess, server defaults, the user's edit). */
  vision: boolean;
  /** The request body limit the byte budget keeps to. */
  maxRequestBytes: number;
}

const NO_IMAGES: ImageRef[] = [];

export function useSendPreview(conversation: Conversation | undefined, question: string, questionImages: ImageRef[] = NO_IMAGES): PreviewState {
  const defaults = useSettings((s) => s.defaults);
  const prices = useSettings((s) => s.prices);
  const cost = useSettings((s) => s.cost);
  const windows = useSettings((s) => s.contextWindows);
  const userCaps = useSettings((s) => s.modelCapabilities);
  const serverCaps = useAccess((s) => s.config?.modelCapabilities);
  // Own key or server, and what the server said: both decide the limit.
  const own = useSettings((s) => s.own);
  const config = useAccess((s) => s.config);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const limit = useMemo(() => maxRequestBytes(), [own, config]);
  const overrides = conversation?.overrides;
  const params = useMemo(() => ({ ...defaults, ...overrides }), [defaults, overrides]);
  // Bumped when the worker delivers exact counts; asking for a count queues it there.
  const countsVersion = useSyncExternalStore(subscribeTokenCounts, tokenCountsVersion, tokenCountsVersion);

  // Recomputed only when the messages change, not on every keystroke. An answer still streaming
  // is left out: nothing can be sent before it ends, and recounting its growing text every second
  // would cost more than everything else the page does meanwhile.
  const messages = conversation ? threadOf(conversation) : undefined;
  const history = useMemo(() => sendableHistory((messages ?? []).filter((m) => m.status !== "streaming")), [messages]);
  const hiddenByTopic = useMemo(() => splitAtTopic(messages ?? []).hidden, [messages]);
  const { preview, exact } = useMemo(() => {
    let allExact = true;
    const { contextWindow, price } = capabilitiesFor(params.model, { server: serverCaps, contextWindows: windows, prices });
    const result = computeSendPreview({
      history,
      question,
      questionImages,
      maxBytes: messagesByteBudget(params, limit),
      params,
      contextWindow,
      price,
      cost,
      countTokens: (m) => {
        const counted = countMessage(params.model, m);
        allExact &&= counted.exact;
        return counted.tokens;
      },
    });
    return { preview: result, exact: allExact };
    // countsVersion: recount once exact counts replace the estimates.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [history, question, questionImages, limit, params, windows, prices, serverCaps, cost, countsVersion]);
  const vision = useMemo(() => capabilitiesFor(params.model, { server: serverCaps, user: userCaps }).vision, [params.model, serverCaps, userCaps]);
  return { preview, history, params, exact, vision, maxRequestBytes: limit, hiddenByTopic };
}

