// Search as you type over labels (occupations, skills, skill groups, ISCO groups): an ARIA combobox, usable by keyboard
// alone (arrows, Enter, Escape). Older answers are dropped (AbortController), so what shows is always the last text's.
import { search, type ConceptKind, type SearchHit } from '../api';
import { debounce, h, newId, replace } from '../dom';
import { describe, isAbort } from '../graphql';

export const kindNames: Record<ConceptKind, string> = { OCCUPATION: 'occupation', SKILL: 'skill', SKILL_GROUP: 'skill group', ISCO_GROUP: 'ISCO group' };

/** Milliseconds after the last keystroke before a search is sent (small: results must show within 100 ms of typing stopping). */
const DebounceMs = 40;

export interface SearchBoxOptions {
  label: string;
  placeholder?: string;
  kinds?: ConceptKind[];
  onPick: (hit: SearchHit) => void;
}

export function searchBox(options: SearchBoxOptions): HTMLElement {
  const inputId = newId('search');
  const listId = newId('results');
  const input = h('input', {
    id: inputId, type: 'search', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, placeholder: options.placeholder ?? 'Search…',
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'results', 'aria-label': `${options.label} results`, hidden: true });
  const status = h('span', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  let hits: SearchHit[] = [];
  let active = -1;
  let inFlight: AbortController | null = null;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const pick = (hit: SearchHit) => {
    close();
    options.onPick(hit);
  };
  const highlight = (index: number) => {
    active = index;
    list.querySelectorAll('[role=option]').forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    const option = list.children[index] as HTMLElement | undefined;
    if (option) {
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }
  };
  const show = (text: string) => {
    replace(list, hits.map((hit, i) => h('li', {
      id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false', class: 'result', 'data-uri': hit.uri,
      onmousedown: (event: Event) => { event.preventDefault(); pick(hit); },
    }, h('span', { class: `kind kind-${hit.kind}` }, kindNames[hit.kind]), ' ', h('span', { class: 'result-label' }, hit.preferredLabel),
    hit.matchedLabel !== hit.preferredLabel ? h('span', { class: 'muted' }, ` — ${hit.matchedLabel}`) : null)));
    if (hits.length === 0) replace(list, h('li', { class: 'result muted', role: 'presentation' }, `Nothing matches “${text}”.`));
    list.hidden = false;
    list.dataset['text'] = text;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = `${hits.length} results`;
    performance.mark('search:shown');
    performance.measure('search:results', 'search:typed', 'search:shown');
  };
  const run = debounce(async (text: string) => {
    inFlight?.abort();
    if (text.trim().length === 0) {
      close();
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    try {
      const all = await search(text, controller.signal);
      if (controller.signal.aborted) return;
      hits = options.kinds ? all.filter((hit) => options.kinds!.includes(hit.kind)) : all;
      active = -1;
      show(text);
    } catch (error) {
      if (isAbort(error)) return;
      replace(list, h('li', { class: 'result error', role: 'presentation' }, describe(error)));
      list.hidden = false;
    }
  }, DebounceMs);

  input.addEventListener('input', () => {
    performance.clearMarks('search:typed');
    performance.mark('search:typed');
    run(input.value);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && hits.length > 0) {
      event.preventDefault();
      if (list.hidden) show(input.value);
      highlight(Math.min(active + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp' && hits.length > 0) {
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (event.key === 'Enter') {
      const hit = hits[active >= 0 ? active : 0];
      if (hit && !list.hidden) {
        event.preventDefault();
        pick(hit);
      }
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => window.setTimeout(close, 150));

  return h('div', { class: 'searchbox' }, h('label', { for: inputId, class: 'visually-hidden' }, options.label), input, list, status);
}
