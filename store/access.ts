/** What the server told us (/api/config) and the access code the user entered. */
import { create } from "zustand";
import type { ErrorInfo } from "@/lib/errors";
import type { ServerConfig } from "@/lib/client/api";

interface AccessState {
  config: ServerConfig | null;
  configError: ErrorInfo | null;
  code: string;
  /** true once the server accepted `code` (or needs none). */
  verified: boolean;
  setConfig: (config: ServerConfig) => void;
  setConfigError: (error: ErrorInfo) => void;
  setCode: (code: string) => void;
  setVerified: (verified: boolean) => void;
}

export const useAccess = create<AccessState>((set) => ({
  config: null,
  configError: null,
  code: "",
  verified: false,
  setConfig: (config) => set({ config, configError: null }),
  setConfigError: (configError) => set({ configError }),
  setCode: (code) => set({ code }),
  setVerified: (verified) => set({ verified }),
}));
