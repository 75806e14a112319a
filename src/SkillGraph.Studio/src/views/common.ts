// Pieces the views share: a busy button, an error line, links to concepts, a labelled text field.
import type { Ref } from '../api';
import { h, newId } from '../dom';
import { describe } from '../graphql';
import { conceptHref } from '../router';

export function conceptLink(ref: { uri: string; label?: string; preferredLabel?: string }): HTMLAnchorElement {
  return h('a', { href: conceptHref(ref.uri), 'data-link': true }, ref.label ?? ref.preferredLabel ?? ref.uri);
}

export function refList(refs: Ref[], empty = 'none'): HTMLElement {
  if (refs.length === 0) return h('span', { class: 'muted' }, empty);
  return h('ul', { class: 'inline-list' }, refs.map((ref) => h('li', {}, conceptLink(ref))));
}

/** A labelled field with a place for its error (`[data-error-for=name]`). */
export function field(name: string, label: string, control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, hint?: string): HTMLElement {
  const id = control.id || newId(name);
  control.id = id;
  control.name = name;
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  return h('div', { class: 'field', 'data-field': name },
    h('label', { for: id }, label), hint ? h('span', { class: 'hint', id: hintId! }, hint) : null, control,
    h('p', { class: 'field-error', id: errorId, 'data-error-for': name, hidden: true }));
}

/** Runs an action while its button says it is busy; an error shows as one line in `errorLine`. */
export async function busy(button: HTMLButtonElement, errorLine: HTMLElement, action: () => Promise<void>): Promise<void> {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  errorLine.hidden = true;
  try {
    await action();
  } catch (error) {
    errorLine.textContent = describe(error);
    errorLine.hidden = false;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
  }
}

export function errorLine(): HTMLParagraphElement {
  return h('p', { class: 'error', role: 'alert', hidden: true });
}

export function loading(text = 'Loading…'): HTMLElement {
  return h('p', { class: 'muted', role: 'status' }, text);
}
