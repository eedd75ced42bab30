"use client";
import { answeringModel } from "@/lib/chat/answer-info";
import { useT } from "@/store/language";

/**
 * The model that answered, as the answer names itself; both names when a relay answered with
 * another model than the one asked for. The system_fingerprint sits in the tooltip.
 */
export function AnswerModel({ asked, answeredBy, systemFingerprint }: { asked: string; answeredBy?: string; systemFingerprint?: string }) {
  const t = useT();
  const { shown, asked: differs } = answeringModel(asked, answeredBy);
  const title = [
    differs ? t("usage.answeredTitle", { answered: shown, asked: differs }) : "",
    systemFingerprint ? t("usage.fingerprint", { fingerprint: systemFingerprint }) : "",
  ]
    .filter(Boolean)
    .join("\n");
  return (
    <span
      data-testid="message-model"
      data-answered-by={answeredBy ?? ""}
      data-asked={asked}
      data-fingerprint={systemFingerprint ?? ""}
      title={title || undefined}
      className={differs ? "text-amber-700 dark:text-amber-400" : undefined}
    >
      {differs ? t("usage.answeredAsked", { answered: shown, asked: differs }) : shown}
    </span>
  );
}
