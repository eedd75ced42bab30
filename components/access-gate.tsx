"use client";
import { useState, type FormEvent } from "react";
import { checkAccessCode } from "@/lib/client/api";
import { useAccess } from "@/store/access";
import { useT } from "@/store/language";
import { LazyErrorCard } from "@/components/chat/lazy-error-card";
import type { ErrorInfo } from "@/lib/errors";

/** Asks for the access code and checks it with the server before letting the user in. */
export function AccessGate() {
  const t = useT();
  const [code, setCode] = useState("");
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<{ text?: string; error?: ErrorInfo } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = code.trim();
    if (!value || checking) return;
    setChecking(true);
    setProblem(null);
    const result = await checkAccessCode(value);
    setChecking(false);
    if (result.ok) {
      useAccess.getState().setCode(value);
      useAccess.getState().setVerified(true);
      return;
    }
    const { error } = result;
    if (error.code === "access_code_invalid" || error.code === "access_code_required") setProblem({ text: t("access.wrong") });
    else if (error.code === "access_locked") setProblem({ text: t("access.locked", { seconds: result.retryAfterSec ?? 600 }) });
    else setProblem({ error: error.toInfo() });
  };

  return (
    <div className="flex min-h-dvh items-center justify-center p-4">
      <form onSubmit={submit} className="w-full max-w-sm rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-lg font-semibold">{t("access.title")}</h1>
        <p className="mt-1 text-sm text-zinc-500">{t("access.subtitle")}</p>
        <input
          data-testid="access-code-input"
          type="password"
          autoComplete="current-password"
          className="mt-4 w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 outline-none focus:border-emerald-500 dark:border-zinc-700 dark:bg-zinc-950"
          placeholder={t("access.placeholder")}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoFocus
        />
        {problem?.text && (
          <p data-testid="access-code-error" role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
            {problem.text}
          </p>
        )}
        {problem?.error && <LazyErrorCard error={problem.error} />}
        <button data-testid="access-code-submit" type="submit" disabled={checking || !code.trim()} className="mt-4 w-full rounded-lg bg-emerald-700 py-2 text-white disabled:opacity-50">
          {checking ? t("access.checking") : t("access.submit")}
        </button>
      </form>
    </div>
  );
}
