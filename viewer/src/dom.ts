// Tiny DOM builder. Data strings only ever become text nodes or attribute values,
// never markup: there is deliberately no innerHTML anywhere in the viewer.
export type Child = Node | string | number | null | undefined | false;
export type Props = Record<string, string | number | boolean | undefined | null>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child))
        : child,
    );
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Only http(s) and mailto links are followed; anything else (javascript:, data:) is dropped. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, 'https://invalid.example/');
    if (['http:', 'https:', 'mailto:'].includes(parsed.protocol) && /^[a-z]+:/i.test(url)) {
      return parsed.href;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export function link(url: string | undefined, text: string): HTMLElement {
  const href = safeUrl(url);
  return href
    ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text)
    : h('span', {}, text);
}
