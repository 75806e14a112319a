// Small typed DOM helpers: the studio has no UI framework (docs/decisions/0021-studio-stack.md).

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Creates an element: attributes (on* keys become listeners; false/null/undefined leave the attribute out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces an element's children. */
export function replace(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

let unique = 0;
/** An id for label/aria wiring. */
export function newId(prefix: string): string {
  unique += 1;
  return `${prefix}-${unique}`;
}

/** Runs fn after the caller stops calling for `ms` milliseconds. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: number | undefined;
  return (...args: A) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => fn(...args), ms);
  };
}

/** A labelled section with a heading. */
export function section(title: string, ...children: (Child | Child[])[]): HTMLElement {
  const headingId = newId('h');
  // tabindex -1: an in-page link (#history) moves the focus here, so the next Tab goes on from the section.
  return h('section', { class: 'panel', 'aria-labelledby': headingId, tabindex: -1 }, h('h2', { id: headingId }, title), ...children);
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
