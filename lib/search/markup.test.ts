import { describe, expect, it } from "vitest";
import { DROP, markupMask, SPACE, TARGET } from "./markup";

/** The text as a snippet shows it, white space collapsed (as the snippet does). */
function plain(text: string, from = 0, to = text.length): string {
  const mask = markupMask(text, from, to);
  let out = "";
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === DROP || mask[i] === TARGET) continue;
    out += mask[i] === SPACE ? " " : text[from + i];
  }
  return out.replace(/\s+/g, " ").trim();
}

describe("markupMask", () => {
  it("leaves out emphasis and strikethrough marks", () => {
    expect(plain("This is the **RelayChat mock upstream**. It *arrives* in __small__ _chunks_ ~~late~~.")).toBe(
      "This is the RelayChat mock upstream. It arrives in small chunks late.",
    );
    expect(plain("***both*** and **bold with *italic* inside**")).toBe("both and bold with italic inside");
  });

  it("keeps what only looks like a mark: snake_case, arithmetic, a lone star", () => {
    expect(plain("set proxy_buffering off and keep_alive_timeout")).toBe("set proxy_buffering off and keep_alive_timeout");
    expect(plain("2*3*4 = 24, and 5 * 6 * 7 too; a * alone")).toBe("2*3*4 = 24, and 5 * 6 * 7 too; a * alone");
  });

  it("keeps code as written, without its backticks and fences", () => {
    expect(plain("Run `npm run **build**` then ``a ` b``")).toBe("Run npm run **build** then a ` b");
    expect(plain("Text:\n```ts\nconst x = a_b * c_d; // **kept**\n```\nDone **now**.")).toBe("Text: const x = a_b * c_d; // **kept** Done now.");
    expect(plain("~~~\n# not a heading\n~~~")).toBe("# not a heading");
    expect(plain("1. Install:\n    ```bash\n    npm i **x**\n    ```\n2. Run")).toBe("1. Install: npm i **x** 2. Run");
    // An unclosed backtick is a backtick.
    expect(plain("it costs `5")).toBe("it costs `5");
  });

  it("reads a code block opened before the part it is asked for", () => {
    const text = "Call it:\n```py\ndef f(**kwargs):\n    return **kwargs\n```\nand **then**";
    const from = text.indexOf("def");
    expect(plain(text, from)).toBe("def f(**kwargs): return **kwargs and then");
  });

  it("leaves out headings' hashes, quote marks, bullets and task boxes, rules and table syntax", () => {
    expect(plain("# Title\n## Setup ##\n> quoted **bold**\n> - quoted item\n- item one\n* item two\n+ [x] done\n1. first\n---\n# C#")).toBe(
      "Title Setup quoted bold quoted item item one item two done 1. first C#",
    );
    expect(plain("| name | value |\n|:-----|------:|\n| a_b | `x|y` |")).toBe("name value a_b x|y");
  });

  it("keeps a link's text and an image's description, not their addresses", () => {
    expect(plain("See [the docs](https://example.com/a_(b)_c \"Docs\") and ![a chart](chart.png), or <https://relay.example>.")).toBe(
      "See the docs and a chart, or https://relay.example.",
    );
    // Marks inside the address pair with nothing outside it.
    expect(plain("[a](https://x.io/a_b*c) d_e* and _f_")).toBe("a d_e* and f");
    const mask = markupMask("[x](u)", 0, 6);
    expect([...mask]).toEqual([DROP, 0, DROP, TARGET, TARGET, TARGET]);
  });

  it("leaves out the backslash of an escaped mark, and keeps the mark", () => {
    expect(plain("\\*not emphasis\\* and a\\_b and C:\\path")).toBe("*not emphasis* and a_b and C:\\path");
  });

  it("drops and spaces characters only: the mask is as long as the text asked for", () => {
    const text = "# Head\n**bold** text";
    expect(markupMask(text, 7, text.length)).toHaveLength(text.length - 7);
  });
});
