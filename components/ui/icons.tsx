/** Small inline SVG icons (no icon font or package, to keep the first load light). */
type P = { className?: string };
const base = "h-4 w-4 shrink-0";
const svg = (d: string) =>
  function Icon({ className = base }: P) {
    return (
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" className={className} aria-hidden="true">
        <path d={d} />
      </svg>
    );
  };

export const CopyIcon = svg("M8 8h12v12H8zM4 16V4h12");
export const CheckIcon = svg("M4 12l5 5L20 6");
export const PlusIcon = svg("M12 5v14M5 12h14");
export const TrashIcon = svg("M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13");
export const EditIcon = svg("M4 20h4L19 9l-4-4L4 16zM13 7l4 4");
export const RefreshIcon = svg("M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5");
export const SendIcon = svg("M4 12l16-8-6 16-2-7z");
export const StopIcon = svg("M7 7h10v10H7z");
export const GearIcon = svg("M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12l2-1-1-3-2 .3-1.5-1.5.3-2-3-1-1 2h-2l-1-2-3 1 .3 2L6.6 7.3 4.6 7 3.6 10l2 1v2l-2 1 1 3 2-.3 1.5 1.5-.3 2 3 1 1-2h2l1 2 3-1-.3-2 1.5-1.5 2 .3 1-3-2-1z");
export const SearchIcon = svg("M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4");
export const MenuIcon = svg("M4 6h16M4 12h16M4 18h16");
export const XIcon = svg("M6 6l12 12M18 6L6 18");
export const SunMoonIcon = svg("M12 3a9 9 0 1 0 9 9 7 7 0 0 1-9-9z");
export const AlertIcon = svg("M12 9v4M12 17h.01M10.3 3.9L2 18a2 2 0 0 0 1.7 3h16.6a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z");
export const BookIcon = svg("M4 5a2 2 0 0 1 2-2h13v15H6a2 2 0 0 0-2 2zM4 20a2 2 0 0 0 2 2h13v-4M8 7h7");
export const ImageIcon = svg("M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15.5 9.5h.01");
export const ChevronLeftIcon = svg("M15 6l-6 6 6 6");
export const ChevronRightIcon = svg("M9 6l6 6-6 6");
