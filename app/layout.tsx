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

// The chat shell can be on screen before its scripts have run (app/start/[lang]/page.tsx): an Enter
// in the composer then would break the line. It is held instead and marked on the composer, which
// sends once it runs (components/chat/composer.tsx). Once the composer runs, it prevents Enter
// itself, and this listener (after it, on the document) leaves the key alone.
const earlyEnterScript = `document.addEventListener("keydown",function(e){var t=e.target;if(e.defaultPrevented||e.key!=="Enter"||e.shiftKey||e.isComposing||e.keyCode===229||!t||!t.matches||!t.matches('textarea[data-testid="composer-input"]'))return;e.preventDefault();t.setAttribute("data-send-pending","")})`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
        <script dangerouslySetInnerHTML={{ __html: earlyEnterScript }} />
      </head>
      <body className="h-dvh bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">{children}</body>
    </html>
  );
}
