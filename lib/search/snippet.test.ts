import { describe, expect, it } from "vitest";
import { queryTerms } from "./fold";
import { buildSnippet, markTerms, termRanges } from "./snippet";

const shown = (s: { parts: { text: string; match: boolean }[]; cutStart: boolean; cutEnd: boolean }) =>
  `${s.cutStart ? "…" : ""}${s.parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join("")}${s.cutEnd ? "…" : ""}`;

describe("termRanges", () => {
  it("finds every occurrence of every term, merging overlapping and touching ones", () => {
    expect(termRanges("abcabc xbc", ["bc", "abc"])).toEqual([
      [0, 6],
      [8, 10],
    ]);
    expect(termRanges("ab-ab", ["ab"])).toEqual([
      [0, 2],
      [3, 5],
    ]);
    expect(termRanges("aaaa", ["aa"])).toEqual([[0, 4]]);
    expect(termRanges("nothing", ["zz"])).toEqual([]);
  });
});

describe("markTerms", () => {
  it("marks terms in the original case and collapses white space", () => {
    expect(markTerms("Nginx  and\nNGINX", ["nginx"])).toEqual([
      { text: "Nginx", match: true },
      { text: " and ", match: false },
      { text: "NGINX", match: true },
    ]);
  });
  it("marks full-width text for a half-width term", () => {
    expect(markTerms("用 ＤＯＣＫＥＲ 部署", ["docker"])).toEqual([
      { text: "用 ", match: false },
      { text: "ＤＯＣＫＥＲ", match: true },
      { text: " 部署", match: false },
    ]);
  });
});

describe("buildSnippet", () => {
  const long = `${"Lorem ipsum dolor sit amet. ".repeat(10)}The retry TIMEOUT is 30 s here. ${"Consectetur adipiscing elit. ".repeat(10)}`;

  it("cuts a window around the match at word boundaries, marking every term in it", () => {
    const terms = queryTerms("timeout retry");
    const s = buildSnippet(long, terms, long.indexOf("retry"), { before: 30, length: 100 });
    expect(s.cutStart).toBe(true);
    expect(s.cutEnd).toBe(true);
    const text = shown(s);
    expect(text).toContain("The [retry] [TIMEOUT] is 30 s here.");
    expect(text.startsWith("…ipsum") || text.startsWith("…dolor") || text.startsWith("…sit") || text.startsWith("…amet") || text.startsWith("…Lorem")).toBe(true);
    expect(s.parts.map((p) => p.text).join("").length).toBeLessThanOrEqual(100);
  });

  it("keeps Chinese text whole around the match (no word boundaries needed)", () => {
    const text = "我们先把服务器部署好，然后配置反向代理和证书，最后检查防火墙端口是否开放。".repeat(3);
    const s = buildSnippet(text, queryTerms("反向代理"), text.indexOf("反向代理"), { before: 8, length: 30 });
    expect(shown(s)).toBe("…部署好，然后配置[反向代理]和证书，最后检查防火墙端口是否开放。…");
  });

  it("finds the match again when the text changed since it was indexed", () => {
    const s = buildSnippet("short text with a keyword", ["keyword"], 999);
    expect(shown(s)).toBe("short text with a [keyword]");
    expect(shown(buildSnippet("the word moved: keyword", ["keyword"], 2))).toBe("the word moved: [keyword]");
  });

  it("shows the start of the text when the term is gone", () => {
    expect(shown(buildSnippet("nothing to see\nhere", ["gone"], 3))).toBe("nothing to see here");
  });

  it("uses the room before a match near the end", () => {
    const text = `${"word ".repeat(40)}final match`;
    const s = buildSnippet(text, ["match"], text.indexOf("match"), { before: 10, length: 60 });
    expect(shown(s).endsWith("final [match]")).toBe(true);
    expect(s.cutEnd).toBe(false);
  });

  it("never splits a surrogate pair", () => {
    const text = `${"😀".repeat(30)}key${"😀".repeat(30)}`;
    const s = buildSnippet(text, ["key"], 60, { before: 7, length: 21 });
    const joined = s.parts.map((p) => p.text).join("");
    expect(joined).toMatch(/^(😀)*key(😀)*$/u);
  });
});

describe("buildSnippet of Markdown", () => {
  const answer = 'You asked: "status".\n\nThis is a mock answer from the **RelayChat mock upstream**. It arrives in small chunks.\n\n- It repeats your question.\n\n```ts\nconst x = 1;\n```\n';

  it("shows the text without its syntax, the match marked", () => {
    const terms = queryTerms("relaychat");
    expect(shown(buildSnippet(answer, terms, answer.indexOf("RelayChat")))).toBe(
      'You asked: "status". This is a mock answer from the [RelayChat] mock upstream. It arrives in small chunks. It repeats your question. const x = 1;',
    );
  });

  it("keeps the syntax that is part of a match, so the mark covers exactly what matched", () => {
    const terms = queryTerms("**relay");
    const s = buildSnippet(answer, terms, answer.indexOf("**RelayChat"));
    expect(s.parts.filter((p) => p.match).map((p) => p.text)).toEqual(["**Relay"]);
    expect(shown(s)).toContain("from the [**Relay]Chat mock upstream. It");
  });

  it("shows a link's address after its text when the match is in it", () => {
    const text = "Read [the guide](https://docs.example.com/setup) first, then **deploy**.";
    expect(shown(buildSnippet(text, queryTerms("example.com"), text.indexOf("example.com")))).toBe("Read the guide (https://docs.[example.com]/setup) first, then deploy.");
    expect(shown(buildSnippet(text, queryTerms("guide"), text.indexOf("guide")))).toBe("Read the [guide] first, then deploy.");
  });

  it("cuts its window from the text shown, far into a long message", () => {
    const text = `${"**Filler** with `code` and [a link](https://example.com/x). ".repeat(40)}The **needle** is here. ${"More _text_ follows. ".repeat(40)}`;
    const s = buildSnippet(text, ["needle"], text.indexOf("needle"), { before: 30, length: 100 });
    expect(s.cutStart).toBe(true);
    expect(s.cutEnd).toBe(true);
    const joined = shown(s);
    expect(joined).toContain("The [needle] is here. More text follows.");
    expect(s.parts.map((p) => p.text).join("")).not.toMatch(/[*_`[\]]|https/);
  });
});
