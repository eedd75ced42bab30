import { inputClass } from "@/components/settings/field";

/** The input look with a red border in every state (an appended border class would not reliably win). */
export const invalidInputClass = inputClass.replace("border-zinc-300", "border-red-500").replace("focus:border-emerald-500", "focus:border-red-600").replace("dark:border-zinc-700", "dark:border-red-500");
