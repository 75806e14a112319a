// The review queue (reviewer and admin keys): pending proposals, oldest first, each accepted (applied as one change set,
// checked again now) or rejected, with the reviewer's comment.
import { fetchLabels, fetchProposals, type Proposal } from '../api';
import { h, replace, section } from '../dom';
import { describe } from '../graphql';
import { review } from '../mutations';
import { notify } from '../notice';
import { may } from '../session';
import { conceptLink, errorLine, field, loading } from './common';

export function reviewView(): HTMLElement {
  if (!may('Review')) {
    return section('Review queue', h('p', {}, 'Reviewing proposals needs a reviewer or admin key (the Review permission). Enter one with “Sign in with a key”.'));
  }
  const body = h('div', {}, loading('Loading the proposals…'));
  const load = () => void (async () => {
    const proposals = await fetchProposals();
    const uris = proposals.flatMap((proposal) => changesOf(proposal).flatMap((change) => Object.values(change.input).filter(isUri)));
    const labels = await fetchLabels(uris);
    replace(body, proposals.length === 0
      ? h('p', { class: 'muted' }, 'Nothing waits for review.')
      : h('ol', { class: 'proposals' }, proposals.map((proposal) => proposalItem(proposal, labels, load))));
  })().catch((error) => replace(body, h('p', { class: 'error' }, describe(error))));
  load();
  return h('div', { class: 'stack' }, h('h1', {}, 'Review queue'), section('Pending proposals', body));
}

function isUri(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\//.test(value);
}

/** One change of a proposal in words: its operation, then each input field (a concept by its label, linked). */
function changeLine(change: { op: string; input: Record<string, unknown> }, labels: Map<string, string>): HTMLElement {
  return h('li', {}, h('code', {}, change.op), ' ', Object.entries(change.input).map(([name, value]) => h('span', { class: 'change-field' },
    h('span', { class: 'muted' }, `${name}: `), isUri(value) ? conceptLink({ uri: value, label: labels.get(value) ?? value }) : JSON.stringify(value), ' ')));
}

function changesOf(proposal: Proposal): { op: string; input: Record<string, unknown> }[] {
  try {
    return JSON.parse(proposal.changes);
  } catch {
    return [];
  }
}

function proposalItem(proposal: Proposal, labels: Map<string, string>, reload: () => void): HTMLElement {
  const comment = h('textarea', { rows: 2 });
  const general = errorLine();
  const accept = h('button', { type: 'button' }, 'Accept');
  const reject = h('button', { type: 'button', class: 'danger' }, 'Reject');
  const form = h('form', { class: 'form', 'aria-label': `Review proposal ${proposal.id}`, onsubmit: (e: Event) => e.preventDefault() },
    field('comment', 'Your comment', comment), general, h('div', { class: 'actions' }, accept, reject));
  const decide = async (decision: 'acceptProposal' | 'rejectProposal') => {
    accept.disabled = reject.disabled = true;
    try {
      const result = await review(decision, proposal.id, comment.value);
      if (result.userErrors.length > 0) {
        general.textContent = result.userErrors.map((e) => e.message).join(' ');
        general.hidden = false;
        return;
      }
      notify(decision === 'acceptProposal' ? `Accepted proposal ${proposal.id}${result.changeSet ? `: applied as change set ${result.changeSet.id}` : ''}.` : `Rejected proposal ${proposal.id}.`);
      reload();
    } catch (error) {
      general.textContent = describe(error);
      general.hidden = false;
    } finally {
      accept.disabled = reject.disabled = false;
    }
  };
  accept.addEventListener('click', () => void decide('acceptProposal'));
  reject.addEventListener('click', () => void decide('rejectProposal'));
  return h('li', { class: 'proposal', 'data-id': proposal.id },
    h('p', { class: 'change-head' }, h('strong', {}, proposal.author), ' · ', new Date(proposal.createdAt).toLocaleString(), ' — ', proposal.comment),
    h('ul', {}, changesOf(proposal).map((change) => changeLine(change, labels))),
    form);
}
