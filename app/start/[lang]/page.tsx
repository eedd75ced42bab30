import { ChatApp, type FirstScreen } from "@/components/chat-app";
import { LANGS } from "@/lib/i18n";
import { uiZhCN } from "@/lib/i18n/ui.zh-CN";

/**
 * The chat shell rendered ahead as HTML, one page per UI language, for a server that needs no
 * access code: proxy.ts serves "/" from here, in the request's language. The composer is on screen
 * (and takes text) as soon as the HTML is, before the scripts have run; the pages stay static, so
 * the inline scripts keep their build-time hashes in the Content-Security-Policy.
 */
export const dynamicParams = false;

export function generateStaticParams() {
  return LANGS.map((lang) => ({ lang }));
}

export default async function FirstScreenPage({ params }: { params: Promise<{ lang: string }> }) {
  const { lang } = await params;
  const firstScreen: FirstScreen = lang === "zh-CN" ? { codeRequired: false, lang, dictionary: uiZhCN } : { codeRequired: false, lang: "en" };
  return (
    <>
      {/* The root layout cannot know the page's language: screen readers and the browser's own
          translate offer read it from <html lang> before React runs (the hash is in the CSP). */}
      <script dangerouslySetInnerHTML={{ __html: `document.documentElement.lang=${JSON.stringify(firstScreen.lang)}` }} />
      <ChatApp firstScreen={firstScreen} />
    </>
  );
}
