"use client";
import { useRef, useState, type DragEvent, type ReactNode } from "react";
import { useAttachments } from "@/store/attachments";
import { useT } from "@/store/language";
import { ImageIcon } from "@/components/ui/icons";

const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes("Files");

/** The chat as a drop target: files dropped anywhere on it are attached to the next message. */
export function DropZone({ children, className }: { children: ReactNode; className?: string }) {
  const t = useT();
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them, so the overlay does not flicker.
  const depth = useRef(0);
  return (
    <main
      className={`relative ${className ?? ""}`}
      onDragEnter={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        depth.current += 1;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        // Without this the browser opens the dropped file in place of the app.
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
      }}
      onDragLeave={(e) => {
        if (!carriesFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        useAttachments.getState().add(Array.from(e.dataTransfer.files));
      }}
    >
      {children}
      {over && (
        <div data-testid="drop-overlay" className="pointer-events-none absolute inset-2 z-30 flex items-center justify-center rounded-2xl border-2 border-dashed border-emerald-500 bg-emerald-50/80 text-emerald-800 dark:bg-emerald-950/70 dark:text-emerald-200">
          <span className="inline-flex items-center gap-2 text-base font-medium">
            <ImageIcon className="h-6 w-6" /> {t("images.drop")}
          </span>
        </div>
      )}
    </main>
  );
}
