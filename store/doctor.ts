/**
 * The connection doctor panel's run: what it tests and the last run's results (whether the panel
 * is open is store/doctor-panel.ts, which the first page load carries without all this). The run
 * itself is lib/client/doctor-run.ts; every billed call it reports goes to the ledger that belongs
 * to no conversation, as a "doctor" line with its tokens and cost.
 */
import { create } from "zustand";
import type { ErrorInfo } from "@/lib/errors";
import { newId } from "@/lib/id";
import { runDoctor } from "@/lib/client/doctor-run";
import { STEP_IDS, type BilledCall, type EndpointReport, type ProbeAnswer, type StepId, type StepResult } from "@/lib/relay/doctor/types";
import { conversationSelectors, useConversations } from "./conversations";
import { costNow } from "./cost";
import { useLedger } from "./ledger";
import { apiTarget } from "./run-control";
import { useSettings } from "./settings";

export type StepView = StepResult | { step: StepId; status: "pending" | "running" };

interface DoctorState {
  model: string;
  identity: boolean;
  running: boolean;
  /** Finished runs since the page loaded (tests wait on it). */
  runs: number;
  /** Which path the last run took: the server's upstream or the own endpoint. */
  via: "server" | "direct" | null;
  steps: Record<StepId, StepView> | null;
  endpoints: EndpointReport[] | null;
  probes: ProbeAnswer[] | null;
  problem: { error: ErrorInfo; retryAfterSec?: number } | null;
  /** The panel opened: a run in progress keeps its model, otherwise it tests the model chats use now. */
  prepare: () => void;
  set: (patch: Partial<Pick<DoctorState, "model" | "identity">>) => void;
  run: () => Promise<void>;
}

/** The model chats use now: the open conversation's, else the default. */
function currentModel(): string {
  const conv = conversationSelectors.current(useConversations.getState());
  return conv?.overrides.model ?? useSettings.getState().defaults.model;
}

function ledgerLine(call: BilledCall): void {
  const usage = { promptTokens: call.promptTokens, completionTokens: call.completionTokens, estimated: call.estimated };
  useLedger.getState().add({
    id: newId(),
    at: Date.now(),
    kind: "doctor",
    model: call.model,
    usage,
    cost: costNow(call.model, usage),
    status: call.status,
    ...(call.ttftMs !== undefined ? { ttftMs: call.ttftMs } : {}),
    ...(call.durationMs !== undefined ? { durationMs: call.durationMs } : {}),
    ...(call.answeredBy ? { answeredBy: call.answeredBy } : {}),
  });
}

export const useDoctor = create<DoctorState>((set, get) => ({
  model: "",
  identity: false,
  running: false,
  runs: 0,
  via: null,
  steps: null,
  endpoints: null,
  probes: null,
  problem: null,
  prepare: () => set((s) => (s.running ? {} : { model: currentModel() })),
  set: (patch) => set(patch),
  run: async () => {
    const { model, identity, running } = get();
    if (running || !model.trim()) return;
    const target = apiTarget();
    const steps = Object.fromEntries(STEP_IDS.map((step) => [step, { step, status: "pending" }])) as Record<StepId, StepView>;
    set({ running: true, via: target.via, steps, endpoints: null, probes: null, problem: null });
    const put = (view: StepView) => set((s) => ({ steps: { ...(s.steps ?? steps), [view.step]: view } }));
    try {
      const outcome = await runDoctor(target, { model: model.trim(), identity }, {
        onRunning: (step) => put({ step, status: "running" }),
        onStep: put,
        onBilled: ledgerLine,
      });
      if (outcome.error) set({ steps: null, problem: { error: outcome.error, retryAfterSec: outcome.retryAfterSec } });
      else set({ endpoints: outcome.endpoints?.length ? outcome.endpoints : null, probes: outcome.probes ?? null });
    } catch (err) {
      set({ steps: null, problem: { error: { code: "unknown", status: 0, message: String((err as Error)?.message ?? err) } } });
    } finally {
      set((s) => ({ running: false, runs: s.runs + 1 }));
    }
  },
}));
