import { describe, expect, it } from "vitest";
import { extendMarkdownBlocks, splitMarkdownBlocks, type SplitMarkdown } from "./markdown-blocks";

const texts = (md: string) => splitMarkdownBlocks(md).map((b) => b.text);

describe("splitMarkdownBlocks", () => {
  it("splits paragraphs at blank lines", () => {
    expect(texts("one\n\ntwo\nmore\n\n\nthree")).toEqual(["one", "two\nmore", "three"]);
  });

  it("keeps a fenced code block with blank lines whole", () => {
    const md = "intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nafter";
    expect(texts(md)).toEqual(["intro", "```js\nconst a = 1;\n\nconst b = 2;\n```", "after"]);
  });

  it("marks an unclosed fence as open", () => {
    const blocks = splitMarkdownBlocks("text\n\n```py\nprint(1)\n\n");
    expect(blocks.at(-1)).toEqual({ text: "```py\nprint(1)\n\n", start: 6, open: true });
    expect(blocks[0].open).toBe(false);
  });

  it("needs the same fence character and length to close", () => {
    const md = "````\n```\ninner\n```\n````\n\nend";
    expect(texts(md)).toEqual(["````\n```\ninner\n```\n````", "end"]);
  });

  it("keeps $$ math blocks whole", () => {
    expect(texts("$$\na\n\nb\n$$\n\nx")).toEqual(["$$\na\n\nb\n$$", "x"]);
    expect(texts("$$x^2$$\n\ny")).toEqual(["$$x^2$$", "y"]);
  });

  it("keeps indented list continuations with their list", () => {
    expect(texts("- a\n\n  still a\n- b\n\nnext")).toEqual(["- a\n\n  still a\n- b", "next"]);
  });

  it("gives earlier blocks identical text as the stream grows", () => {
    const full = "# Title\n\nSome prose.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```ts\nlet x = 1;\n```\n\nEnd.";
    const final = texts(full);
    for (let i = 1; i < full.length; i++) {
      const partial = texts(full.slice(0, i));
      for (let b = 0; b < partial.length - 1; b++) expect(partial[b]).toBe(final[b]);
    }
  });
});

describe("extendMarkdownBlocks", () => {
  const answer = [
    "# Title", "", "Some prose.", "", "- a", "", "  still a", "- b", "", "| a | b |", "|---|---|", "| 1 | 2 |", "",
    "```ts", "let x = 1;", "", "let y = 2;", "```", "", "$$", "x^2", "", "y", "$$", "", "End.", "",
  ].join("\n");

  it("matches a full split after every growth step, at every split point", () => {
    for (const step of [1, 3, 7]) {
      let state: SplitMarkdown | null = null;
      for (let i = 0; i <= answer.length; i += step) {
        const text = answer.slice(0, i);
        state = extendMarkdownBlocks(state, text);
        expect(state.blocks).toEqual(splitMarkdownBlocks(text));
      }
    }
  });

  it("starts over when the text was replaced rather than extended", () => {
    const first = extendMarkdownBlocks(null, "a\n\nb\n\nc\n\nd");
    const other = extendMarkdownBlocks(first, "x\n\ny");
    expect(other.blocks.map((b) => b.text)).toEqual(["x", "y"]);
  });

  it("records where each block starts", () => {
    const md = "one\n\n\ntwo\n```\ncode\n```";
    for (const b of splitMarkdownBlocks(md)) expect(md.slice(b.start, b.start + b.text.length)).toBe(b.text);
  });
});
