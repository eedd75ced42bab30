import { describe, expect, it } from "vitest";
import type { Element, Root } from "hast";
import { rehypeCodeHighlight } from "./rehype-code-highlight";

const codeBlock = (lang: string | null, text: string): Root => ({
  type: "root",
  children: [
    {
      type: "element",
      tagName: "pre",
      properties: {},
      children: [{ type: "element", tagName: "code", properties: lang ? { className: [`language-${lang}`] } : {}, children: [{ type: "text", value: text }] }],
    },
  ],
});
const code = (tree: Root) => (tree.children[0] as Element).children[0] as Element;

describe("rehypeCodeHighlight", () => {
  it("adds token spans to a known language and keeps the text", () => {
    const tree = codeBlock("js", "const a = 1;");
    rehypeCodeHighlight()(tree);
    const node = code(tree);
    expect(node.properties.className).toContain("hljs");
    expect(JSON.stringify(node.children)).toContain("hljs-keyword");
  });

  it("leaves unknown languages and unlabelled blocks untouched", () => {
    for (const tree of [codeBlock("nosuchlang", "x"), codeBlock(null, "x")]) {
      rehypeCodeHighlight()(tree);
      expect(code(tree).children).toEqual([{ type: "text", value: "x" }]);
    }
  });
});
