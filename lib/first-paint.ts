/**
 * The inline script in the page's <head> (app/layout.tsx), run before the first paint:
 * - the saved theme, so a dark-mode user never sees a white flash;
 * - a language other than English (the saved setting, else the browser's, as in lib/i18n and
 *   lib/client/language-hint.ts) marks the page `data-lang-pending`, which hides it
 *   (app/globals.css) until that language's dictionary is in: the prerendered first screen is in
 *   English, and a Chinese-speaking user must not see it flash (components/chat-app.tsx lifts it).
 * Its hash goes into the CSP at build time (scripts/csp-hashes.mjs), like Next's own scripts.
 */
export const LANG_PENDING_ATTRIBUTE = "data-lang-pending";

export const FIRST_PAINT_SCRIPT =
  `try{var d=document.documentElement,s=localStorage,t=s.getItem("relaychat-theme");` +
  `if(t==="dark"||((!t||t==="system")&&matchMedia("(prefers-color-scheme: dark)").matches))d.classList.add("dark");` +
  `var l=s.getItem("relaychat-language");` +
  `if(l!=="en"&&(l==="zh-CN"||String((navigator.languages||[])[0]||"").toLowerCase().indexOf("zh")===0))d.setAttribute("${LANG_PENDING_ATTRIBUTE}","")}catch(e){}`;
