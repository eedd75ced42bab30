import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "RelayChat",
  description: "A self-hosted chat client for OpenAI-compatible endpoints",
  manifest: "/manifest.webmanifest",
  icons: { icon: "/icon.svg", apple: "/apple-touch-icon.png" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // Android's keyboard then shrinks the layout too; iOS is handled by lib/client/visual-viewport.ts.
  interactiveWidget: "resizes-content",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

// Applies the saved theme before the first paint, so a dark-mode user never sees a white flash.
const themeScript = `try{var t=localStorage.getItem("relaychat-theme");if(t==="dark"||((!t||t==="system")&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;

// The chat shell can be on screen before its scripts have run (app/start/[lang]/page.tsx). A send
// asked for then (Enter in the composer, or the Send button, enabled here once there is text) is
// held: marked on the composer, which sends once it runs (components/chat/composer.tsx). Once
// React has taken the page over (data-hydrated on <html>), these listeners leave everything alone.
const earlySendScript = `(function(){var d=document,h=d.documentElement,q='textarea[data-testid="composer-input"]';function on(e,s){return!h.hasAttribute("data-hydrated")&&e.target&&e.target.closest&&e.target.closest(s)}function hold(e){e.preventDefault();var t=d.querySelector(q);if(t&&t.value.trim()!=="")t.setAttribute("data-send-pending","")}d.addEventListener("keydown",function(e){if(e.key==="Enter"&&!e.shiftKey&&!e.isComposing&&e.keyCode!==229&&on(e,q))hold(e)});d.addEventListener("click",function(e){if(on(e,'[data-testid="send-button"]'))hold(e)});d.addEventListener("input",function(e){var b=d.querySelector('[data-testid="send-button"]');if(b&&on(e,q))b.disabled=e.target.value.trim()===""})})()`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
        <script dangerouslySetInnerHTML={{ __html: earlySendScript }} />
      </head>
      <body className="h-dvh bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">{children}</body>
    </html>
  );
}
