import type { Metadata, Viewport } from "next";
import { FIRST_PAINT_SCRIPT } from "@/lib/first-paint";
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

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* The saved theme, and a hold on the English first screen for another language: lib/first-paint.ts */}
        <script dangerouslySetInnerHTML={{ __html: FIRST_PAINT_SCRIPT }} />
      </head>
      <body className="h-dvh bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">{children}</body>
    </html>
  );
}
