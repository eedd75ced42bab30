"use client";
import { useId, useMemo, useState, type KeyboardEvent } from "react";
import type { ModelOption } from "@/lib/api-types";
import { describeError } from "@/lib/upstream/error-hints";
import { capabilitiesFor, type CapabilitySources, type ModelCapabilities } from "@/lib/models/capabilities";
import { filterModels, flattenGroups, groupModels } from "@/lib/models/picker";
import { useAccess } from "@/store/access";
import { useLang, useT } from "@/store/language";
import { ensureModels, loadModels, useModels } from "@/store/models";
import { useSettings } from "@/store/settings";
import { inputClass } from "./field";

const compact = (n: number) => (n >= 1_000_000 ? `${+(n / 1_000_000).toFixed(1)}M` : n >= 1000 ? `${Math.round(n / 1000)}K` : String(n));

function Badges({ caps, listed }: { caps: ModelCapabilities; listed?: boolean }) {
  const t = useT();
  const chip = "rounded bg-zinc-100 px-1 text-[11px] text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300";
  return (
    <span className="flex flex-wrap items-center gap-1">
      {caps.vision && <span className={chip}>{t("models.vision")}</span>}
      {caps.reasoning && <span className={chip}>{t("models.reasoning")}</span>}
      <span className={chip}>{t("models.context", { tokens: compact(caps.contextWindow) })}</span>
      {caps.price && <span className={chip}>{t("models.price", { input: String(caps.price.input), output: String(caps.price.output) })}</span>}
      {listed === false && <span className={`${chip} italic`}>{t("models.unlisted")}</span>}
    </span>
  );
}

/** What the list is and where it came from: the live list, the configured one, or why not live. */
function ListStatus() {
  const t = useT();
  const lang = useLang();
  const { live, loading, restricted } = useModels();
  const configRestricted = useAccess((s) => s.config?.modelsRestricted ?? false);
  let text = t("models.configured");
  if (loading) text = t("models.loading");
  else if (live?.ok) text = t("models.liveOk", { count: live.count, time: new Date(live.fetchedAt).toLocaleTimeString(lang) });
  else if (live && !live.ok) {
    const reason = `${describeError(live.error, lang).title}${live.error.status > 0 ? ` (HTTP ${live.error.status})` : ""}${live.error.upstreamMessage ? `: ${live.error.upstreamMessage}` : ""}`;
    text = t("models.liveFailed", { reason });
  }
  return (
    <p data-testid="model-list-status" data-live={live ? String(live.ok) : "none"} className={`text-xs ${live && !live.ok ? "text-amber-700 dark:text-amber-400" : "text-zinc-500"}`}>
      {text}
      {(restricted || configRestricted) && <span className="block">{t("models.restricted")}</span>}
    </p>
  );
}

/**
 * The model field: a combobox over the live list (type to filter, grouped by family, with
 * capabilities and prices), that still takes any typed name: typing sets the model as it did when
 * this was a plain text field (`settings-model`), so a model the relay does not list works too.
 */
export function ModelPicker({ value, onChange }: { value: string; onChange: (model: string) => void }) {
  const t = useT();
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState(value);
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const live = useModels((s) => s.models);
  const restricted = useModels((s) => s.restricted);
  const configured = useAccess((s) => s.config?.models);
  const configRestricted = useAccess((s) => s.config?.modelsRestricted ?? false);
  const serverCaps = useAccess((s) => s.config?.modelCapabilities);
  const userCaps = useSettings((s) => s.modelCapabilities);
  const contextWindows = useSettings((s) => s.contextWindows);
  const prices = useSettings((s) => s.prices);
  const options = useMemo(() => live ?? configured ?? [], [live, configured]);
  const groups = useMemo(() => groupModels(filterModels(options, query)), [options, query]);
  const flat = useMemo(() => flattenGroups(groups), [groups]);
  const sources: CapabilitySources = { server: serverCaps, user: userCaps, contextWindows, prices };
  const typed = text.trim();
  const inList = options.some((o) => o.id === typed);

  const pick = (option: ModelOption) => {
    setText(option.id);
    setQuery("");
    setOpen(false);
    setActive(-1);
    onChange(option.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        ensureModels();
      }
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (flat.length === 0 ? -1 : (i + step + flat.length) % flat.length));
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (open && active >= 0 && flat[active]) pick(flat[active]);
      else setOpen(false);
    } else if (e.key === "Escape" && open) {
      // Closes the list only; a second Escape closes the dialog.
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  };

  const optionId = (i: number) => `${id}-opt-${i}`;
  let index = 0;
  return (
    <div data-testid="model-picker" className="relative text-sm">
      <div className="mb-1 flex items-center justify-between gap-2">
        <label htmlFor={`${id}-input`} className="font-medium">{t("models.label")}</label>
        <button type="button" data-testid="model-refresh" aria-label={t("models.refreshLabel")} className="rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800" onClick={() => void loadModels(true)}>
          {t("models.refresh")}
        </button>
      </div>
      <input
        id={`${id}-input`}
        data-testid="settings-model"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={t("models.placeholder")}
        className={inputClass}
        value={text}
        onFocus={() => ensureModels()}
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setText(e.target.value);
          setQuery(e.target.value);
          setOpen(true);
          setActive(-1);
          if (e.target.value.trim()) onChange(e.target.value.trim());
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <div id={listId} role="listbox" aria-label={t("models.label")} className="absolute z-10 mt-1 max-h-80 w-full overflow-y-auto rounded-md border border-zinc-300 bg-white shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
          {flat.length === 0 && <p className="p-2 text-xs text-zinc-500">{t("models.noMatch")}</p>}
          {groups.map((group) => (
            <div key={group.family} role="group" aria-label={group.family === "other" ? t("models.familyOther") : group.family}>
              <div className="sticky top-0 bg-zinc-50 px-2 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-zinc-500 dark:bg-zinc-800/80">
                {group.family === "other" ? t("models.familyOther") : group.family}
              </div>
              {group.options.map((option) => {
                const i = index++;
                const caps = capabilitiesFor(option.id, sources);
                return (
                  <div
                    key={option.id}
                    id={optionId(i)}
                    role="option"
                    aria-selected={option.id === typed}
                    data-testid="model-option"
                    data-model={option.id}
                    data-vision={String(caps.vision)}
                    data-reasoning={String(caps.reasoning)}
                    className={`cursor-pointer px-2 py-1 ${i === active ? "bg-emerald-100 dark:bg-emerald-900/50" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
                    // Keep the focus in the input, so the blur does not close the list before the click.
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => pick(option)}
                  >
                    <span className="block font-mono text-xs">{option.label ? `${option.label} · ${option.id}` : option.id}</span>
                    <Badges caps={caps} listed={option.listed} />
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      )}
      {typed && !inList && (
        <p data-testid="model-typed" className={`mt-1 text-xs ${restricted || configRestricted ? "text-red-700 dark:text-red-400" : "text-zinc-500"}`}>
          {t(restricted || configRestricted ? "models.typedRefused" : "models.typed", { model: typed })}
        </p>
      )}
      <div className="mt-1"><ListStatus /></div>
    </div>
  );
}
