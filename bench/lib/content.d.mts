// Types for content.mjs (imported by unit tests as a corpus of long markdown).
export function rng(seed?: number): () => number;
export function sentence(rand: () => number, min?: number, max?: number): string;
export function paragraph(rand: () => number, sentences?: number): string;
export function markdownSection(rand: () => number, k: number): string;
export function tokenPieces(text: string): string[];
export function longMarkdown(tokens: number, seed?: number): { text: string; pieces: string[] };
