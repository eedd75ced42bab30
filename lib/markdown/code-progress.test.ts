import { beforeEach, describe, expect, it } from "vitest";
import { common, createLowlight } from "lowlight";
import { toHtml } from "hast-util-to-html";
import { advanceCode, forgetCodeProgress, highlightCode, type Highlighter } from "./code-progress";
import { codeTailMarkdown } from "../../bench/lib/mixed-content.mjs";

const lowlight = createLowlight(common);

/** Counts what the highlighter is given, to see how much the last call had to do. */
function counting() {
  const calls: number[] = [];
  const hl: Highlighter = { highlight: (language, value) => (calls.push(value.length), lowlight.highlight(language, value)) };
  return { hl, calls };
}

/** Feeds the code as a stream would (complete lines, a few at a time), then highlights it whole. */
function streamed(hl: Highlighter, language: string, code: string, linesPerUpdate = 3) {
  const lines = code.split(/(?<=\n)/);
  for (let i = linesPerUpdate; i < lines.length; i += linesPerUpdate) advanceCode(hl, language, lines.slice(0, i).join(""));
  return highlightCode(hl, language, code);
}

const repeat = (text: string, times: number) => Array.from({ length: times }, (_, i) => text.replaceAll("N", String(i))).join("");

const TRICKY: Array<[string, string]> = [
  ["typescript", repeat("/* a comment\n\nover lines N */\nconst tN = `template\n\n${1 + N}\nend`;\nfunction fN(a: number,\n  b: string): void {\n  return;\n}\n\n", 40)],
  ["python", repeat('def f_N(x):\n    """doc\n\n    string N"""\n    s = \'\'\'a\n\nb\'\'\'\n    return x + N\n\n', 40)],
  ["bash", repeat("cat <<'EOF'\nline N\n\nEOF\necho \"$HOME/N\" | grep -v '#'\n# comment N\n\n", 50)],
  ["json", `{\n${repeat('  "kN": {"a": [1, 2.5e3, null, true], "s": "x\\"N"},\n', 80)}  "end": 0\n}\n`],
  ["xml", repeat("<!-- c\n\nN -->\n<a href=\"N\">\n  <![CDATA[\n\nx N\n]]>\n</a>\n", 50)],
];

describe("highlighting a code block as it streams", () => {
  beforeEach(forgetCodeProgress);

  it("gives what highlighting the whole block gives, and does only the last lines at the end", () => {
    const { text } = codeTailMarkdown(6000);
    const code = text.slice(text.lastIndexOf("```ts\n") + 6, text.lastIndexOf("```"));
    for (const [language, source] of [["typescript", code] as [string, string], ...TRICKY]) {
      const { hl, calls } = counting();
      const result = streamed(hl, language, source);
      const whole = lowlight.highlight(language, source);
      expect(toHtml({ type: "root", children: result.children }), language).toBe(toHtml(whole));
      expect(result.html, language).toBe(toHtml(whole));
      expect(calls.at(-1)!, language).toBeLessThan(source.length / 4);
    }
  });

  it("starts over for a block that turns out different, and highlights short blocks whole", () => {
    const { hl, calls } = counting();
    const source = TRICKY[0][1];
    streamed(hl, "typescript", source);
    const other = source.replace("const t3", "let t3");
    expect(highlightCode(hl, "typescript", other).html).toBe(toHtml(lowlight.highlight("typescript", other)));
    expect(calls.at(-1)).toBe(other.length);
    const short = "const a = 1;\n";
    advanceCode(hl, "typescript", short);
    expect(highlightCode(hl, "typescript", short).html).toBe(toHtml(lowlight.highlight("typescript", short)));
  });
});
