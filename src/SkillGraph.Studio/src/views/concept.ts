// A concept's page: labels, description, ancestry, its essential/optional skills or occupations, the picture of its
// neighbourhood, related occupations and career moves (occupations), curation (for those who may edit) and history.
import { fetchConcept, fetchOccupationWalks, type Concept, type Named } from '../api';
import { h, percent, replace, section } from '../dom';
import { describe } from '../graphql';
import type { RelationKind } from '../mutations';
import { conceptHref, replaceAddress } from '../router';
import { mayEdit } from '../session';
import { conceptLink, loading } from './common';
import { curatePanel } from './curate';
import { historySection } from './history';
import { picture, type Picture } from './picture';
import { kindNames } from './searchbox';

let current: Picture | null = null;

export function conceptView(uri: string | null): HTMLElement {
  current?.destroy();
  current = null;
  const root = h('div', { class: 'stack concept-page' }, loading());
  if (!uri) {
    replace(root, h('p', {}, 'No concept named: search for one above.'));
    return root;
  }
  let asked = uri;
  const render = () => {
    void fetchConcept(asked).then((concept) => {
      current?.destroy();
      current = null;
      if (!concept) {
        replace(root, h('h1', {}, 'Not found'), h('p', {}, `No concept has the URI ${asked}.`));
        return;
      }
      document.title = `${concept.preferredLabel} — SkillGraph Studio`;
      replace(root, ...page(concept, render));
      // A deprecated or merged concept answers with its replacement: say so, and let the address name what is shown.
      if (concept.uri !== asked) {
        root.prepend(h('p', { class: 'deprecated redirect', role: 'note' }, `The concept you asked for (${asked}) was deprecated or merged; it is replaced by this one.`));
        replaceAddress(conceptHref(concept.uri));
        asked = concept.uri;
      }
    }, (error) => replace(root, h('h1', {}, 'The concept could not be loaded'), h('p', { class: 'error' }, describe(error))));
  };
  render();
  return root;
}

function page(concept: Concept, reload: () => void): HTMLElement[] {
  const editing = mayEdit() ? curatePanel({ concept, reload }) : null;
  const removable = (type: RelationKind, from: { uri: string; label: string }, to: { uri: string; label: string }) =>
    editing ? h('button', { type: 'button', class: 'link-button', 'aria-label': `Remove the ${type.toLowerCase()} relation ${from.label} → ${to.label}`,
      onclick: () => void editing.removeRelation(type, from, to) }, 'remove') : null;
  const self = { uri: concept.uri, label: concept.preferredLabel };
  const relationList = (title: string, page: { totalCount: number; nodes: Named[] } | undefined, type: RelationKind | null, outgoing: boolean, testId: string) => {
    if (!page) return null;
    const shown = page.nodes.length < page.totalCount ? ` (first ${page.nodes.length} of ${page.totalCount})` : ` (${page.totalCount})`;
    return section(title + shown, page.totalCount === 0 ? h('p', { class: 'muted' }, 'None.') : h('ul', { class: 'columns', 'data-testid': testId }, page.nodes.map((node) => {
      const other = { uri: node.uri, label: node.preferredLabel };
      return h('li', { 'data-uri': node.uri }, conceptLink(node), type ? removable(type, outgoing ? self : other, outgoing ? other : self) : null);
    })));
  };

  const ancestry = [...concept.ancestors.edges].sort((a, b) => b.depth - a.depth);
  const drawing = picture(concept, {
    onSelectRelation: (relation) => {
      drawing.element.querySelector('.picture-actions')!.replaceChildren();
      const slot = drawing.element.querySelector('.picture-selection')!;
      if (relation && editing && relation.type !== 'RELATED') {
        slot.append(' ', h('button', { type: 'button', class: 'secondary', onclick: () => void editing.removeRelation(relation.type, relation.from, relation.to) }, 'Remove this relation'));
      }
    },
    // A steward adds a skill seen in the picture (say, after expanding a neighbour) to the occupation.
    onSelectNode: (node, has) => {
      const actions = drawing.element.querySelector('.picture-actions')!;
      actions.replaceChildren();
      if (!editing || concept.kind !== 'OCCUPATION' || node.kind !== 'SKILL') return;
      for (const type of ['ESSENTIAL', 'OPTIONAL'] as const) {
        if (has('ESSENTIAL', concept.uri, node.uri) || has('OPTIONAL', concept.uri, node.uri)) return;
        actions.append(h('button', { type: 'button', class: 'secondary', onclick: () => void editing.addRelation(type, self, node) },
          `Add “${node.label}” as ${type === 'ESSENTIAL' ? 'an essential' : 'an optional'} skill`), ' ');
      }
    },
  });
  current = drawing;

  const head = h('header', { class: 'concept-head' },
    ancestry.length > 0 ? h('nav', { 'aria-label': 'Ancestry', class: 'crumbs' }, h('ol', {}, ancestry.map((edge) => h('li', {},
      h('a', { href: conceptHref(edge.node.uri), 'data-link': true }, edge.node.code ? `${edge.node.code} ${edge.node.preferredLabel}` : edge.node.preferredLabel))))) : null,
    h('h1', {}, concept.preferredLabel),
    h('p', { class: 'meta' }, h('span', { class: `kind kind-${concept.kind}` }, kindNames[concept.kind]), concept.code ? ` · code ${concept.code}` : '',
      concept.skillType ? ` · ${concept.skillType.toLowerCase().replace('_', '/')}` : '', concept.reuseLevel ? ` · ${concept.reuseLevel.toLowerCase().replace('_', '-')}` : '',
      ` · version ${concept.version}`, ' · ', h('a', { href: concept.uri, class: 'muted' }, 'ESCO URI')),
    concept.status === 'deprecated' ? h('p', { class: 'deprecated', role: 'note' }, 'Deprecated.', concept.replacedBy ? h('span', {}, ' Replaced by ', conceptLink(concept.replacedBy), '.') : null) : null,
    concept.description ? h('p', { class: 'description' }, concept.description) : h('p', { class: 'muted' }, 'No description.'),
    concept.altLabels.length > 0 ? h('div', {}, h('h2', { class: 'small' }, 'Also called'), h('ul', { class: 'inline-list alt-labels' }, concept.altLabels.map((label) => h('li', {}, label)))) : null,
    h('nav', { class: 'on-this-page', 'aria-label': 'On this page' }, h('ul', { class: 'inline-list' },
      h('li', {}, h('a', { href: '#neighbourhood' }, 'Picture')),
      editing ? h('li', {}, h('a', { href: '#curate' }, 'Edit')) : null,
      h('li', {}, h('a', { href: '#history' }, 'History')),
      concept.kind === 'OCCUPATION' ? h('li', {}, h('a', { href: `/gap?uri=${encodeURIComponent(concept.uri)}`, 'data-link': true }, 'Compare a resume with it (skill gap)')) : null)));
  const neighbourhoodSection = section('Neighbourhood', drawing.element);
  neighbourhoodSection.id = 'neighbourhood';

  const parts: (HTMLElement | null)[] = [
    head,
    neighbourhoodSection,
    relationList('Essential skills', concept.essentialSkills, 'ESSENTIAL', true, 'essential'),
    relationList('Optional skills', concept.optionalSkills, 'OPTIONAL', true, 'optional'),
    relationList('Essential for', concept.essentialFor, 'ESSENTIAL', false, 'essential-for'),
    relationList('Optional for', concept.optionalFor, 'OPTIONAL', false, 'optional-for'),
    relationList('Related skills', concept.relatedSkills, null, true, 'related-skills'),
    relationList('Broader', concept.broader, 'BROADER', true, 'broader'),
    relationList('Narrower', concept.narrower, 'BROADER', false, 'narrower'),
    concept.kind === 'OCCUPATION' ? walks(concept.uri) : null,
    editing?.element ?? null,
    historySection(concept.uri, reload),
  ];
  return parts.filter((part): part is HTMLElement => part !== null);
}

function walks(uri: string): HTMLElement {
  const body = h('div', { class: 'two' }, loading('Loading related occupations and career moves…'));
  void fetchOccupationWalks(uri).then(({ relatedOccupations, careerMoves }) => replace(body,
    h('div', {}, h('h3', {}, 'Related occupations'), h('ol', { 'data-testid': 'related' }, relatedOccupations.map((related) => h('li', {},
      conceptLink(related.occupation), h('span', { class: 'score' }, ` ${related.score.toFixed(1)}`),
      h('ul', { class: 'reasons' }, related.reasons.map((reason) => h('li', {}, reason))))))),
    h('div', {}, h('h3', {}, 'Career moves'), h('ol', { 'data-testid': 'moves' }, careerMoves.map((move) => h('li', {},
      conceptLink(move.occupation), h('span', { class: 'score' }, ` ${percent(move.coverage)} covered, ${move.missingEssentialCount} essential skills to learn`),
      h('ul', { class: 'reasons' }, move.reasons.map((reason) => h('li', {}, reason)))))))),
  (error) => replace(body, h('p', { class: 'error' }, describe(error))));
  return section('Related occupations and career moves', body);
}
