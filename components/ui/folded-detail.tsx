import { ChevronRightIcon } from "@/components/ui/icons";

/**
 * Raw technical words that came with a failure (often English, whatever the page's language),
 * folded under a label: there for a bug report, not in the way of the sentence that explains it.
 */
export function FoldedDetail({ label, text, testId, className = "" }: { label: string; text: string; testId?: string; className?: string }) {
  return (
    <details data-testid={testId} className={`group text-xs opacity-80 ${className}`}>
      {/* Its own marker in a flex row: a touch screen makes the summary 44 px high (globals.css), and the text sits in its middle. */}
      <summary className="flex cursor-pointer list-none items-center gap-1 [&::-webkit-details-marker]:hidden">
        <ChevronRightIcon className="h-3 w-3 shrink-0 group-open:rotate-90" />
        {label}
      </summary>
      <code className="block break-words">{text}</code>
    </details>
  );
}
