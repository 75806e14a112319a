// Curation on a concept page (steward, reviewer or admin keys; hidden from callers who may not edit): labels and
// description with the version read as expectedVersion, relations added and removed, deprecate and merge. Every userError
// shows next to the field it names; a stale edit (CONFLICT) offers to reload the concept and apply the same edit to it.
import { fetchConcept, type Concept, type ConceptKind } from '../api';
import { h, replace, section } from '../dom';
import { describe } from '../graphql';
import { curate, fieldName, type CurationPayload, type Mutation, type RelationKind, type UserError } from '../mutations';
import { notify } from '../notice';
import { errorLine, field } from './common';
import { searchBox, kindNames } from './searchbox';
import type { RelationEnd } from './picture';

export interface CurateContext {
  concept: Concept;
  /** Re-renders the page from the server (after a change). */
  reload: () => void;
}

/**
 * Shows each userError next to its field (`[data-error-for]` in `form`, else in the panel around it: the shared comment
 * field), the others in `general`.
 */
export function showUserErrors(form: HTMLElement, general: HTMLElement, errors: UserError[]): void {
  const panel = form.closest<HTMLElement>('section.panel') ?? form;
  panel.querySelectorAll<HTMLElement>('[data-error-for]').forEach((line) => { line.hidden = true; line.textContent = ''; });
  panel.querySelectorAll('[aria-invalid]').forEach((control) => control.removeAttribute('aria-invalid'));
  general.hidden = true;
  general.replaceChildren();
  const left: UserError[] = [];
  for (const error of errors) {
    const name = fieldName(error);
    const line = name ? form.querySelector<HTMLElement>(`[data-error-for="${name}"]`) ?? panel.querySelector<HTMLElement>(`[data-error-for="${name}"]`) : null;
    if (line) {
      line.textContent = line.textContent ? `${line.textContent} ${error.message}` : error.message;
      line.hidden = false;
      (form.querySelector(`[name="${name}"]`) ?? panel.querySelector(`[name="${name}"]`))?.setAttribute('aria-invalid', 'true');
    } else {
      left.push(error);
    }
  }
  if (left.length > 0) {
    general.textContent = left.map((e) => e.message).join(' ');
    general.hidden = false;
  }
  const first = form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? panel.querySelector<HTMLElement>('[aria-invalid="true"]');
  first?.focus();
}

/** Sends a mutation; true when it was applied (or proposed), else its userErrors are shown. */
async function send(mutation: Mutation, input: Record<string, unknown>, form: HTMLElement, general: HTMLElement): Promise<CurationPayload | null> {
  try {
    const result = await curate(mutation, input);
    showUserErrors(form, general, result.userErrors);
    if (result.userErrors.length > 0) return null;
    const warnings = result.warnings.length > 0 ? ` Note: ${result.warnings.join(' ')}` : '';
    notify(result.proposal
      ? `Proposed for review (proposal ${result.proposal.id}); a reviewer applies it.${warnings}`
      : `Saved${result.changeSet ? ` (change set ${result.changeSet.id})` : ''}.${warnings}`);
    return result;
  } catch (error) {
    general.textContent = describe(error);
    general.hidden = false;
    return null;
  }
}

type End = RelationEnd | { uri: string; label: string };

/** The panel, and the relation changes the lists and the picture offer (they use the panel's comment). */
export interface CuratePanel {
  element: HTMLElement;
  addRelation: (type: RelationKind, from: End, to: End) => Promise<void>;
  removeRelation: (type: RelationKind, from: End, to: End) => Promise<void>;
}

export function curatePanel(context: CurateContext): CuratePanel {
  const { concept } = context;
  const comment = h('input', { type: 'text', required: true, placeholder: 'e.g. ESCO issue 123: the label is outdated' });
  const commentField = field('comment', 'Why (kept in the change log; needed for every change)', comment);
  const relationStatus = errorLine();

  const changeRelation = (mutation: 'addRelation' | 'removeRelation') => async (type: RelationKind, from: End, to: End) => {
    const result = await send(mutation, { type, from: from.uri, to: to.uri, comment: comment.value }, element, relationStatus);
    if (result) context.reload();
    else comment.focus();
  };

  const element = section('Curate',
    h('p', { class: 'muted' }, `Version ${concept.version}. Changes go through the same rules as the API; a rule broken shows next to its field.`),
    h('form', { class: 'form comment-form', onsubmit: (e: Event) => e.preventDefault() }, commentField, relationStatus),
    editForm(context, comment),
    relationForm(context, comment),
    deprecateForm(context, comment),
    mergeForm(context, comment));
  element.id = 'curate';
  return { element, addRelation: changeRelation('addRelation'), removeRelation: changeRelation('removeRelation') };
}

function editForm(context: CurateContext, comment: HTMLInputElement): HTMLElement {
  // What the steward read: only the fields changed since then are sent, also when the edit is reapplied to a newer version.
  const original = context.concept;
  let version = original.version;
  const preferred = h('input', { type: 'text' });
  preferred.value = context.concept.preferredLabel;
  const alt = h('textarea', { rows: Math.min(8, Math.max(3, context.concept.altLabels.length + 1)) });
  alt.value = context.concept.altLabels.join('\n');
  const description = h('textarea', { rows: 4 });
  description.value = context.concept.description ?? '';
  const general = errorLine();
  const conflict = h('div', { class: 'conflict', role: 'alert', hidden: true });
  const save = h('button', { type: 'submit' }, 'Save changes');
  const form = h('form', { class: 'form', 'aria-label': 'Edit labels and description' },
    h('h3', {}, 'Labels and description'),
    field('preferredLabel', 'Preferred label', preferred),
    field('altLabels', 'Alternative labels', alt, 'One a line.'),
    field('description', 'Description', description),
    h('p', { class: 'field-error', 'data-error-for': 'expectedVersion', hidden: true }),
    conflict, general, h('div', { class: 'actions' }, save));

  const input = () => {
    const altLabels = alt.value.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
    const changes: Record<string, unknown> = { uri: original.uri, expectedVersion: version, comment: comment.value };
    if (preferred.value !== original.preferredLabel) changes['preferredLabel'] = preferred.value;
    if (altLabels.join('\n') !== original.altLabels.join('\n')) changes['altLabels'] = altLabels;
    if (description.value !== (original.description ?? '')) changes['description'] = description.value;
    return changes;
  };
  const submit = async () => {
    conflict.hidden = true;
    const result = await send('updateConcept', input(), form, general);
    if (result) {
      context.reload();
      return;
    }
    const stale = form.querySelector<HTMLElement>('[data-error-for="expectedVersion"]');
    if (stale && !stale.hidden) {
      const reapply = h('button', { type: 'button' }, 'Reload and reapply my edit');
      replace(conflict, h('p', {}, 'Someone changed this concept since you opened it. Your edit is kept: reload the concept and apply it to the new version?'), reapply);
      conflict.hidden = false;
      reapply.addEventListener('click', async () => {
        try {
          const latest = await fetchConcept(original.uri, 0);
          if (!latest) throw new Error('The concept no longer exists.');
          version = latest.version;
          conflict.hidden = true;
          await submit();
        } catch (error) {
          general.textContent = describe(error);
          general.hidden = false;
        }
      });
      reapply.focus();
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save.disabled = true;
    void submit().finally(() => { save.disabled = false; });
  });
  return form;
}

interface RelationChoice { label: string; type: RelationKind; outgoing: boolean; kinds: ConceptKind[] }

function relationChoices(kind: ConceptKind): RelationChoice[] {
  switch (kind) {
    case 'OCCUPATION':
      return [
        { label: 'essential skill', type: 'ESSENTIAL', outgoing: true, kinds: ['SKILL'] },
        { label: 'optional skill', type: 'OPTIONAL', outgoing: true, kinds: ['SKILL'] },
        { label: 'broader concept', type: 'BROADER', outgoing: true, kinds: ['OCCUPATION', 'ISCO_GROUP'] },
      ];
    case 'SKILL':
      return [
        { label: 'essential for the occupation', type: 'ESSENTIAL', outgoing: false, kinds: ['OCCUPATION'] },
        { label: 'optional for the occupation', type: 'OPTIONAL', outgoing: false, kinds: ['OCCUPATION'] },
        { label: 'broader concept', type: 'BROADER', outgoing: true, kinds: ['SKILL', 'SKILL_GROUP'] },
        { label: 'needs the skill (related)', type: 'RELATED', outgoing: true, kinds: ['SKILL'] },
        { label: 'may use the skill (optional related)', type: 'OPTIONAL_RELATED', outgoing: true, kinds: ['SKILL'] },
      ];
    default:
      return [{ label: 'broader concept', type: 'BROADER', outgoing: true, kinds: kind === 'ISCO_GROUP' ? ['ISCO_GROUP'] : ['SKILL_GROUP'] }];
  }
}

function relationForm(context: CurateContext, comment: HTMLInputElement): HTMLElement {
  const choices = relationChoices(context.concept.kind);
  const select = h('select', {}, choices.map((choice, i) => h('option', { value: String(i) }, choice.label)));
  let target: { uri: string; label: string } | null = null;
  const chosen = h('p', { class: 'chosen muted', 'aria-live': 'polite' }, 'No concept chosen.');
  const picker = searchBox({ label: 'The other concept', placeholder: 'Find the other concept…', onPick: (hit) => {
    target = { uri: hit.uri, label: hit.preferredLabel };
    replace(chosen, `Chosen: ${hit.preferredLabel} (${kindNames[hit.kind]})`);
  } });
  const general = errorLine();
  const add = h('button', { type: 'submit' }, 'Add relation');
  const form = h('form', { class: 'form', 'aria-label': 'Add a relation' }, h('h3', {}, 'Add a relation'),
    field('type', 'This concept has the', select), h('div', { class: 'field', 'data-field': 'to' }, h('span', { class: 'label' }, 'Other concept'), picker, chosen,
      h('p', { class: 'field-error', 'data-error-for': 'to', hidden: true }), h('p', { class: 'field-error', 'data-error-for': 'from', hidden: true })),
    general, h('div', { class: 'actions' }, add));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const choice = choices[Number(select.value)]!;
    if (!target) {
      showUserErrors(form, general, [{ field: 'to', message: 'Choose the other concept first (search above).', code: 'BAD_INPUT' }]);
      return;
    }
    const [from, to] = choice.outgoing ? [context.concept.uri, target.uri] : [target.uri, context.concept.uri];
    add.disabled = true;
    const result = await send('addRelation', { type: choice.type, from, to, comment: comment.value }, form, general);
    add.disabled = false;
    if (result) context.reload();
  });
  return form;
}

function deprecateForm(context: CurateContext, comment: HTMLInputElement): HTMLElement {
  let replacement: string | null = null;
  const chosen = h('p', { class: 'chosen muted' }, 'No replacement.');
  const picker = searchBox({ label: 'Replaced by', placeholder: `Find the ${kindNames[context.concept.kind]} that replaces it (optional)…`, kinds: [context.concept.kind], onPick: (hit) => {
    replacement = hit.uri;
    replace(chosen, `Replaced by: ${hit.preferredLabel}`);
  } });
  const general = errorLine();
  const button = h('button', { type: 'submit', class: 'danger' }, 'Deprecate');
  const form = h('form', { class: 'form', 'aria-label': 'Deprecate' }, h('h3', {}, 'Deprecate'),
    h('div', { class: 'field', 'data-field': 'replacedBy' }, h('span', { class: 'label' }, 'Replaced by'), picker, chosen, h('p', { class: 'field-error', 'data-error-for': 'replacedBy', hidden: true })),
    general, h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    const result = await send('deprecateConcept', { uri: context.concept.uri, expectedVersion: context.concept.version, replacedBy: replacement, comment: comment.value }, form, general);
    button.disabled = false;
    if (result) context.reload();
  });
  return form;
}

function mergeForm(context: CurateContext, comment: HTMLInputElement): HTMLElement {
  let duplicate: { uri: string; label: string } | null = null;
  const chosen = h('p', { class: 'chosen muted' }, 'No duplicate chosen.');
  const picker = searchBox({ label: 'Duplicate to merge into this one', placeholder: `Find the duplicate ${kindNames[context.concept.kind]}…`, kinds: [context.concept.kind], onPick: (hit) => {
    duplicate = { uri: hit.uri, label: hit.preferredLabel };
    replace(chosen, `Duplicate: ${hit.preferredLabel} (its relations and labels move here; it is deprecated)`);
  } });
  const general = errorLine();
  const button = h('button', { type: 'submit', class: 'danger' }, 'Merge into this concept');
  const form = h('form', { class: 'form', 'aria-label': 'Merge a duplicate' }, h('h3', {}, 'Merge a duplicate'),
    h('div', { class: 'field', 'data-field': 'duplicate' }, h('span', { class: 'label' }, 'Duplicate'), picker, chosen, h('p', { class: 'field-error', 'data-error-for': 'duplicate', hidden: true })),
    general, h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!duplicate) {
      showUserErrors(form, general, [{ field: 'duplicate', message: 'Choose the duplicate first (search above).', code: 'BAD_INPUT' }]);
      return;
    }
    button.disabled = true;
    try {
      const other = await fetchConcept(duplicate.uri, 0);
      if (!other) throw new Error(`${duplicate.label} no longer exists.`);
      const result = await send('mergeConcepts', {
        survivor: context.concept.uri, survivorVersion: context.concept.version, duplicate: other.uri, duplicateVersion: other.version, comment: comment.value,
      }, form, general);
      if (result) context.reload();
    } catch (error) {
      general.textContent = describe(error);
      general.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
