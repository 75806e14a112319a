// The start page: what the studio is, and where to begin.
import { h, section } from '../dom';
import { navigate, conceptHref } from '../router';
import { searchBox } from './searchbox';

export function homeView(): HTMLElement {
  return h('div', { class: 'stack' },
    h('h1', {}, 'SkillGraph Studio'),
    h('p', { class: 'lead' }, 'Explore the ESCO graph of occupations and skills, try the student models on a job ad or a resume, and curate the graph with a steward key.'),
    section('Find an occupation, a skill or a group',
      searchBox({ label: 'Search the graph', placeholder: 'e.g. software developer, Java, nurse…', onPick: (hit) => navigate(conceptHref(hit.uri)) }),
      h('p', { class: 'muted' }, 'Type to search; use the arrow keys and Enter to open a concept.')),
    section('Other places',
      h('ul', {},
        h('li', {}, h('a', { href: '/gap', 'data-link': true }, 'Skill gap'), ': what an occupation needs that a resume lacks, ranked.'),
        h('li', {}, h('a', { href: '/students', 'data-link': true }, 'Try the students'), ': skills found in a text, occupations it fits, a resume matched to a job.'),
        h('li', {}, h('a', { href: '/review', 'data-link': true }, 'Review queue'), ': proposals waiting for a reviewer.'),
        h('li', {}, h('a', { href: '/graphql' }, 'GraphiQL'), ': the GraphQL API itself.'))));
}
