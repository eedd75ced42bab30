import { notFound } from "next/navigation";
import { ChatApp } from "@/components/chat-app";
import { codeRequiredOf, SHELL_VARIANTS } from "@/lib/start-shell";

// "/" is served from one of these (proxy.ts picks by whether a code is required); both are
// prerendered, so they stay static and their inline scripts keep their build-time CSP hashes.
export const dynamicParams = false;

export function generateStaticParams() {
  return SHELL_VARIANTS.map((access) => ({ access }));
}

export default async function Shell({ params }: { params: Promise<{ access: string }> }) {
  const codeRequired = codeRequiredOf((await params).access);
  if (codeRequired === null) notFound();
  return <ChatApp serverCodeRequired={codeRequired} />;
}
