// SkillGraph Studio's entry point: the header (search, key), the router, and the view of each route.
import { fetchViewer } from './api';
import { byId, h, replace } from './dom';
import { describe, GraphQLFailure } from './graphql';
import { clearNotice, notify } from './notice';
import { conceptHref, currentRoute, navigate, startRouter, type Route } from './router';
import { currentKey, currentViewer, onViewerChange, setKey, setViewer, type Viewer } from './session';
import { conceptView } from './views/concept';
import { gapView } from './views/gap';
import { homeView } from './views/home';
import { reviewView } from './views/review';
import { searchBox } from './views/searchbox';
import { studentsView } from './views/students';

function render(route: Route): void {
  const main = byId('main');
  clearNotice();
  document.title = 'SkillGraph Studio';
  let view: HTMLElement;
  switch (route.name) {
    case 'home': view = homeView(); break;
    case 'concept': view = conceptView(route.params.get('uri')); break;
    case 'gap': view = gapView(route.params.get('uri'), route.params.get('label')); break;
    case 'students': view = studentsView(); break;
    case 'review': view = reviewView(); break;
    default: view = h('div', {}, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '/', 'data-link': true }, 'Back to the start')));
  }
  replace(main, view);
  document.querySelectorAll<HTMLAnchorElement>('header nav a[data-link]').forEach((link) => {
    if (link.getAttribute('href') === location.pathname) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
}

function renderKeySlot(): void {
  const slot = byId('key-slot');
  const viewer = currentViewer();
  document.querySelectorAll<HTMLElement>('[data-needs]').forEach((element) => { element.hidden = !viewer.permissions.includes(element.dataset['needs']!); });
  if (currentKey()) {
    const signOut = h('button', { type: 'button', class: 'secondary' }, 'Sign out');
    signOut.addEventListener('click', () => void signIn(null));
    replace(slot, h('span', { class: 'who', 'data-testid': 'who' }, `${viewer.name ?? 'signed in'} (${viewer.roles.join(', ') || 'no role'})`), ' ', signOut);
    return;
  }
  const input = h('input', { type: 'password', id: 'api-key', autocomplete: 'off', placeholder: 'sg_…', required: true });
  const form = h('form', { class: 'key-form', hidden: true, 'aria-label': 'API key' },
    h('label', { for: 'api-key' }, 'API key'), input, h('button', { type: 'submit' }, 'Sign in'));
  const open = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false' }, 'Sign in with a key');
  open.addEventListener('click', () => {
    form.hidden = !form.hidden;
    open.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) input.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void signIn(input.value.trim());
  });
  const who = viewer.roles.length > 0 ? `without a key: ${viewer.roles.join(', ')}` : 'not signed in';
  replace(slot, h('span', { class: 'who muted', 'data-testid': 'who' }, who), ' ', open, form);
}

/** Keeps the key for this browser session only (sessionStorage), asks the server what it may do, and redraws. */
async function signIn(key: string | null): Promise<void> {
  setKey(key);
  try {
    setViewer(await fetchViewer());
    if (key) notify(`Signed in as ${currentViewer().name} (${currentViewer().roles.join(', ')}).`);
  } catch (error) {
    const anonymous: Viewer = { name: null, roles: [], permissions: [] };
    if (key && error instanceof GraphQLFailure && error.status === 401) {
      setKey(null);
      setViewer(await fetchViewer().catch(() => anonymous));
      notify('That key is not a key of this server, or it was revoked.', 'error');
      return;
    }
    setViewer(anonymous);
    notify(describe(error), 'error');
  }
}

async function start(): Promise<void> {
  replace(byId('search-slot'), searchBox({ label: 'Search occupations, skills and groups', placeholder: 'Search occupations, skills, groups…', onPick: (hit) => navigate(conceptHref(hit.uri)) }));
  await signIn(currentKey());
  renderKeySlot();
  startRouter(render);
  onViewerChange(() => {
    renderKeySlot();
    render(currentRoute());
  });
}

void start();
