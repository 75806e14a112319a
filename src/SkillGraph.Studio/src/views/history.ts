// A concept's history: every change set that touched it, newest first, field by field (before → after; list fields as
// the items removed and added), and a revert for each that is not reverted yet.
import { fetchHistory, type ChangeSet, type FieldChange } from '../api';
import { h, replace, section } from '../dom';
import { describe } from '../graphql';
import { curate } from '../mutations';
import { mayEdit } from '../session';
import { errorLine, loading } from './common';
import { notify } from '../notice';

export function historySection(uri: string, onChanged: () => void): HTMLElement {
  const body = h('div', {}, loading('Loading the history…'));
  const panel = section('History', body);
  panel.id = 'history';
  void fetchHistory(uri).then((sets) => replace(body, historyList(uri, sets, onChanged)), (error) => replace(body, h('p', { class: 'error' }, describe(error))));
  return panel;
}

function historyList(uri: string, sets: ChangeSet[], onChanged: () => void): HTMLElement {
  if (sets.length === 0) return h('p', { class: 'muted' }, 'No change since the import.');
  const reverted = new Set(sets.map((set) => set.reverts).filter((id): id is string => id !== null));
  return h('ol', { class: 'history', reversed: true }, [...sets].reverse().map((set) => {
    const error = errorLine();
    const comment = h('input', { type: 'text', 'aria-label': `Why revert change set ${set.id}`, placeholder: 'Why revert (required)', class: 'revert-comment' });
    const revert = h('button', { type: 'button', class: 'secondary' }, 'Revert');
    revert.addEventListener('click', async () => {
      revert.disabled = true;
      try {
        const result = await curate('revertChangeSet', { id: set.id, comment: comment.value });
        if (result.userErrors.length > 0) {
          error.textContent = result.userErrors.map((e) => e.message).join(' ');
          error.hidden = false;
        } else {
          notify(`Reverted change set ${set.id}${result.changeSet ? ` (new change set ${result.changeSet.id})` : ''}.`);
          onChanged();
        }
      } catch (failure) {
        error.textContent = describe(failure);
        error.hidden = false;
      } finally {
        revert.disabled = false;
      }
    });
    const own = set.changes.filter((change) => change.conceptUri === uri);
    return h('li', { class: 'change-set', 'data-id': set.id },
      h('p', { class: 'change-head' }, h('time', { datetime: set.createdAt }, new Date(set.createdAt).toLocaleString()), ' · ', h('strong', {}, set.author),
        set.reviewer ? ` (accepted by ${set.reviewer})` : '', ' — ', set.comment || h('span', { class: 'muted' }, 'no comment'),
        set.reverts ? h('span', { class: 'tag' }, `reverts ${set.reverts}`) : null, reverted.has(set.id) ? h('span', { class: 'tag' }, 'reverted') : null),
      h('table', { class: 'diff' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Before'), h('th', { scope: 'col' }, 'After'))),
        h('tbody', {}, (own.length > 0 ? own : set.changes).map(diffRow))),
      mayEdit() && !reverted.has(set.id) ? h('div', { class: 'revert' }, comment, revert, error) : null);
  }));
}

function parse(value: string | null): unknown {
  if (value === null) return null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function diffRow(change: FieldChange): HTMLElement {
  const before = parse(change.before);
  const after = parse(change.after);
  if (Array.isArray(before) || Array.isArray(after)) {
    const was = (Array.isArray(before) ? before : []).map(show);
    const now = (Array.isArray(after) ? after : []).map(show);
    return h('tr', {}, h('th', { scope: 'row' }, change.field),
      h('td', {}, was.map((item) => now.includes(item) ? h('span', { class: 'same' }, item, ' ') : h('del', {}, item, ' '))),
      h('td', {}, now.map((item) => was.includes(item) ? h('span', { class: 'same' }, item, ' ') : h('ins', {}, item, ' '))));
  }
  return h('tr', {}, h('th', { scope: 'row' }, change.field),
    h('td', {}, before === null ? h('span', { class: 'muted' }, '—') : h('del', {}, show(before))),
    h('td', {}, after === null ? h('span', { class: 'muted' }, '—') : h('ins', {}, show(after))));
}
