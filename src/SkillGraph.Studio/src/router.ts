// Path routes with the History API: /, /concept?uri=…, /gap?uri=…, /students, /review. The server answers each of these
// paths with the studio's page (src/SkillGraph.Server/Http/StudioPages.cs names the same), so a deep link survives a reload.
export type Route = { name: 'home' | 'concept' | 'gap' | 'students' | 'review' | 'missing'; params: URLSearchParams };

const names: Record<string, Route['name']> = { '/': 'home', '/concept': 'concept', '/gap': 'gap', '/students': 'students', '/review': 'review' };

export function currentRoute(): Route {
  return { name: names[location.pathname] ?? 'missing', params: new URLSearchParams(location.search) };
}

let onChange: (route: Route) => void = () => {};
/** The path and query last rendered: a change of the #fragment alone (an in-page link) keeps the page. */
let rendered = '';

function show(): void {
  rendered = location.pathname + location.search;
  onChange(currentRoute());
}

export function startRouter(render: (route: Route) => void): void {
  onChange = render;
  window.addEventListener('popstate', () => {
    if (location.pathname + location.search !== rendered) show();
  });
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[data-link]') as HTMLAnchorElement | null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(link.getAttribute('href')!);
  });
  show();
}

export function navigate(href: string): void {
  if (href !== location.pathname + location.search) history.pushState(null, '', href);
  show();
}

export function conceptHref(uri: string): string {
  return `/concept?uri=${encodeURIComponent(uri)}`;
}

/** Changes the address to what the page shows now (a redirect) without rendering again. */
export function replaceAddress(href: string): void {
  history.replaceState(null, '', href);
  rendered = location.pathname + location.search;
}
