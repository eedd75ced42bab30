// Types for mixed-content.mjs (imported by unit tests as a corpus of answers shaped like real ones).
export interface MixedCounts {
  sections: number;
  paragraphs: number;
  nestedLists: number;
  listsWithCode: number;
  tables: number;
  code: Record<string, number>;
  links: number;
  inlineCode: number;
  bold: number;
}
export function mixedMarkdown(tokens: number, seed?: number): { text: string; pieces: string[]; counts: MixedCounts };
export function describeMixed(counts: MixedCounts): string;
export function codeTailMarkdown(
  tokens: number,
  options?: { share?: number; open?: boolean; seed?: number },
): { text: string; pieces: string[]; counts: MixedCounts; tailChars: number };
