/**
 * Brings a live element's children in line with freshly parsed ones, touching only what differs:
 * a streamed block mostly grows at its end, so the nodes before stay as they are and the browser
 * restyles and lays out only the text that changed, not the whole block again (as innerHTML would).
 * Nodes of `source` that are needed are moved, not copied.
 */
export function morphChildren(target: Node, source: Node): void {
  let current = target.firstChild;
  let wanted = source.firstChild;
  while (wanted) {
    const nextWanted: ChildNode | null = wanted.nextSibling;
    if (!current) {
      target.appendChild(wanted);
    } else if (current.nodeType === wanted.nodeType && current.nodeName === wanted.nodeName) {
      if (current.nodeType === 1) {
        syncAttributes(current as Element, wanted as Element);
        morphChildren(current, wanted);
      } else if (current.nodeValue !== wanted.nodeValue) {
        current.nodeValue = wanted.nodeValue;
      }
      current = current.nextSibling;
    } else {
      const replaced = current;
      current = current.nextSibling;
      target.replaceChild(wanted, replaced);
    }
    wanted = nextWanted;
  }
  while (current) {
    const next: ChildNode | null = current.nextSibling;
    target.removeChild(current);
    current = next;
  }
}

function syncAttributes(target: Element, source: Element): void {
  for (const name of target.getAttributeNames()) if (!source.hasAttribute(name)) target.removeAttribute(name);
  for (const name of source.getAttributeNames()) {
    const value = source.getAttribute(name)!;
    if (target.getAttribute(name) !== value) target.setAttribute(name, value);
  }
}
