/** The live next-send preview of the open conversation, for the composer. */
import { useEffect, useMemo, useState } from "react";
import { sendableHistory } from "@/lib/context";
import { contextWindowFor } from "@/lib/models";
import { priceFor } from "@/lib/pricing";
import { computeSendPreview, type SendPreview } from "@/lib/send-preview";
import { countMessage, ensureTokenizer, isTokenizerReady } from "@/lib/client/tokenizer";
import type { ApiMessage, ChatParams, Conversation } from "@/lib/types";
import { useSettings } from "./settings";

export interface PreviewState {
  preview: SendPreview;
  history: Array<ApiMessage & { id: string }>;
  params: ChatParams;
  /** false while the tokenizer loads: counts are rough until then. */
  exact: boolean;
}

export function useSendPreview(conversation: Conversation | undefined, question: string): PreviewState {
  const defaults = useSettings((s) => s.defaults);
  const prices = useSettings((s) => s.prices);
  const cost = useSettings((s) => s.cost);
  const windows = useSettings((s) => s.contextWindows);
  const overrides = conversation?.overrides;
  const params = useMemo(() => ({ ...defaults, ...overrides }), [defaults, overrides]);
  const [exact, setExact] = useState(() => isTokenizerReady(params.model));

  useEffect(() => {
    let live = true;
    setExact(isTokenizerReady(params.model));
    ensureTokenizer(params.model)
      .then(() => live && setExact(true))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [params.model]);

  // Recomputed only when the messages change, not on every keystroke. An answer still streaming
  // is left out: nothing can be sent before it ends, and recounting its growing text every second
  // would cost more than everything else the page does meanwhile.
  const messages = conversation?.messages;
  const history = useMemo(() => sendableHistory((messages ?? []).filter((m) => m.status !== "streaming")), [messages]);
  const preview = useMemo(
    () =>
      computeSendPreview({
        history,
        question,
        params,
        contextWindow: contextWindowFor(params.model, windows),
        price: priceFor(params.model, prices),
        cost,
        countTokens: (m) => countMessage(params.model, m).tokens,
      }),
    // `exact` switches the counts from rough to exact once the tokenizer has loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [history, question, params, windows, prices, cost, exact],
  );
  return { preview, history, params, exact };
}
