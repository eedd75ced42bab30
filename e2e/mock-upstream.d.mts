// TypeScript looks for `.d.mts` types when a file imports "./mock-upstream.mjs"; the types live in
// mock-upstream.d.ts.
export * from "./mock-upstream";
