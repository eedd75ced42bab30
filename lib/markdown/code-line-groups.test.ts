import { describe, expect, it } from "vitest";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { common, createLowlight } from "lowlight";
import type { Element, ElementContent, Root } from "hast";
import { groupCodeLines, GROUP_FROM_LINES, GROUP_LINES } from "./code-line-groups";
import { codeTailMarkdown } from "../../bench/lib/mixed-content.mjs";

const lowlight = createLowlight(common);
const highlighted = (lang: string, code: string) => toHtml(lowlight.highlight(lang, code));

/** Each character of the code with the classes of the token spans around it (group wrappers left out). */
function styledChars(html: string): string[] {
  const out: string[] = [];
  const walk = (nodes: ElementContent[], classes: string) => {
    for (const node of nodes) {
      if (node.type === "text") for (const ch of node.value) out.push(`${classes}|${ch}`);
      else if (node.type === "element") {
        const own = (node.properties.className as string[] | undefined) ?? [];
        walk(node.children, own.includes("code-lines") ? classes : `${classes}/${own.join(".")}`);
      }
    }
  };
  walk((fromHtml(html, { fragment: true }) as Root).children as ElementContent[], "");
  return out;
}

const groupsOf = (html: string) => ((fromHtml(html, { fragment: true }) as Root).children as Element[]).filter((n) => n.type === "element");
const textOf = (node: ElementContent): string => (node.type === "text" ? node.value : node.type === "element" ? node.children.map(textOf).join("") : "");

// A comment and a template literal that run over many lines, so spans stay open across a group's end.
const longTs = Array.from({ length: 300 }, (_, i) =>
  i % 50 === 10 ? "/* a comment\n   that goes on\n   and on */" : i % 70 === 20 ? "const t = `line one\nline two ${x}\nline three`;" : `export const value${i} = compute(${i}, "<b>&amp;</b>"); // ${i}`,
).join("\n") + "\n";

describe("groupCodeLines", () => {
  it("leaves a short block as it is", () => {
    const html = highlighted("ts", "const a = 1;\n".repeat(GROUP_FROM_LINES - 1));
    expect(groupCodeLines(html)).toBe(html);
  });

  it("splits a long block into groups of whole lines, every character keeping its classes", () => {
    for (const [lang, code] of [
      ["ts", longTs],
      ["ts", codeTailMarkdown(15000).text.split("```ts\n").at(-1)!.replace(/```$/, "")],
      ["python", 'x = """\n' + "inside a string\n".repeat(200) + '"""\n'],
    ] as const) {
      const html = highlighted(lang, code);
      const grouped = groupCodeLines(html);
      expect(styledChars(grouped)).toEqual(styledChars(html));
      const groups = groupsOf(grouped);
      const lines = code.split("\n").length - 1;
      expect(groups.length).toBe(Math.ceil(lines / GROUP_LINES));
      groups.forEach((group, i) => {
        const full = i < Math.floor(lines / GROUP_LINES);
        expect(group.properties.className).toEqual(full ? ["code-lines", "code-lines-skippable"] : ["code-lines"]);
        // Each group holds its lines with their line endings, so the text joins back whole.
        if (full) expect(textOf(group).split("\n").length - 1).toBe(GROUP_LINES);
      });
      expect(groups.map(textOf).join("")).toBe(code);
    }
  });

  it("adds no empty group when the lines fill the last group exactly", () => {
    const code = "let a = 1;\n".repeat(GROUP_LINES * 3);
    const groups = groupsOf(groupCodeLines(highlighted("ts", code)));
    expect(groups).toHaveLength(3);
    expect(groups.every((g) => (g.properties.className as string[]).includes("code-lines-skippable"))).toBe(true);
  });
});
