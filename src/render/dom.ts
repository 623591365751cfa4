/**
 * Tiny DOM helpers for the summary view.
 *
 * Layer and model names come from user code, so text only ever reaches the
 * page through `textContent`, and attributes through `setAttribute` with
 * names fixed in this code. Nothing here parses HTML.
 */

/** Create an element with a class name and, optionally, its text. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** A `<button type="button">`. */
export function button(className: string, text?: string): HTMLButtonElement {
  const node = h('button', className, text);
  node.type = 'button';
  return node;
}

/**
 * Placeholders for nodes inside a translated sentence. Pass `slot(i)` as the
 * i-th argument of `trans.__()`, then `fill()` the result: translators keep
 * `%1`, `%2` where their language wants them, and the links stay real nodes.
 */
const SLOT = '\u0001';

export function slot(index: number): string {
  return `${SLOT}${index}${SLOT}`;
}

/** Turn a translated string holding `slot(i)` markers into text and nodes. */
export function fill(text: string, nodes: Node[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const parts = text.split(SLOT);
  // parts alternate: text, index, text, index, ...
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) {
        fragment.appendChild(document.createTextNode(part));
      }
      return;
    }
    const node = nodes[Number(part)];
    if (node) {
      fragment.appendChild(node);
    }
  });
  return fragment;
}

/** Whether clicking `target` would give focus to something on its own. */
export function isFocusable(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) {
    return false;
  }
  return (
    target.closest(
      'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable=""], [contenteditable="true"]'
    ) !== null
  );
}

/** The left padding (em) of a nested row's name; 0 at the top. */
export function nameIndent(depth: number): number {
  return depth > 0 ? 0.5 + depth * 1.5 : 0;
}

/** A fragment holding one text node: a paragraph of an explanation. */
export function text(value: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.appendChild(document.createTextNode(value));
  return fragment;
}
