/**
 * Whether the connection doctor panel is open. Tiny on purpose: every error card's "Diagnose" and
 * Settings open it, while the doctor itself (store/doctor.ts and its lib/) loads with the panel.
 */
import { create } from "zustand";

interface DoctorPanelState {
  open: boolean;
  openDoctor: () => void;
  close: () => void;
}

export const useDoctorPanel = create<DoctorPanelState>((set) => ({
  open: false,
  openDoctor: () => set({ open: true }),
  close: () => set({ open: false }),
}));
