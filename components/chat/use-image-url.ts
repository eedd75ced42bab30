"use client";
import { useEffect, useState } from "react";
import { imageBlob } from "@/lib/client/image-store";

/** An object URL for a stored image while the component shows it (revoked after); `missing` when its blob is gone. */
export function useImageUrl(id: string): { url: string | null; missing: boolean } {
  const [state, setState] = useState<{ id: string; url: string | null; missing: boolean }>({ id, url: null, missing: false });
  useEffect(() => {
    let live = true;
    let url: string | null = null;
    void imageBlob(id).then((blob) => {
      if (!live) return;
      if (!blob) return setState({ id, url: null, missing: true });
      url = URL.createObjectURL(blob);
      setState({ id, url, missing: false });
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id]);
  return state.id === id ? { url: state.url, missing: state.missing } : { url: null, missing: false };
}
