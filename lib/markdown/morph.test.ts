// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { morphChildren } from "./morph";

function parsed(html: string): DocumentFragment {
  const template = document.createElement("template");
  template.innerHTML = html;
  return template.content;
}

function host(html: string): HTMLElement {
  const el = document.createElement("section");
  el.innerHTML = html;
  return el;
}

describe("morphChildren", () => {
  it("ends with exactly the new HTML, whatever the old was", () => {
    const cases: [string, string][] = [
      ["", "<p>a</p>"],
      ["<p>a</p>", ""],
      ["<p>a</p>", "<p>ab <strong>c</strong></p>"],
      ["<p>ab <strong>c</strong></p>", "<ul><li>x</li></ul>"],
      ['<pre class="a"><code>1\n</code></pre>', '<pre class="b"><code class="language-ts">1\n2\n</code></pre><p>after</p>'],
      ["<table><tbody><tr><td>1</td></tr></tbody></table>", '<table><tbody><tr><td style="text-align:right">1</td><td>2</td></tr><tr><td>3</td></tr></tbody></table>'],
      ["text <em>a</em> tail", "<em>a</em> tail"],
      ['<a href="x" title="t">l</a>', '<a href="y">l</a>'],
    ];
    for (const [before, after] of cases) {
      const el = host(before);
      morphChildren(el, parsed(after));
      expect(el.innerHTML, `${before} → ${after}`).toBe(host(after).innerHTML);
    }
  });

  it("keeps the nodes that did not change, and changes a grown text in place", () => {
    const el = host("<p>first</p><p>second <em>x</em> and more</p>");
    const [first, second] = [...el.children];
    const em = second.querySelector("em")!;
    const tail = second.lastChild!;
    morphChildren(el, parsed("<p>first</p><p>second <em>x</em> and more text</p><p>third</p>"));
    expect(el.children[0]).toBe(first);
    expect(el.children[1]).toBe(second);
    expect(second.querySelector("em")).toBe(em);
    expect(second.lastChild).toBe(tail);
    expect(tail.nodeValue).toBe(" and more text");
    expect(el.children).toHaveLength(3);
  });
});
