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
  /** Known as soon as the config arrives, before storage is read and the config applied. */
  codeRequired: boolean | null;
  /** The start is complete: storage loaded, config applied, a stored code checked. */
  started: boolean;
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
  codeRequired: null,
  started: false,
  setConfig: (config) => set({ config, configError: null, codeRequired: config.codeRequired }),
  setConfigError: (configError) => set({ configError }),
  setCode: (code) => set({ code }),
  setVerified: (verified) => set({ verified }),
}));
