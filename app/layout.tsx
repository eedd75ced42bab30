import type { Metadata, Viewport } from "next";
import "./globals.css";
import { EARLY_SEND_SCRIPT } from "@/lib/client/early-send";

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

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
        <script dangerouslySetInnerHTML={{ __html: EARLY_SEND_SCRIPT }} />
      </head>
      <body className="h-dvh bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">{children}</body>
    </html>
  );
}
