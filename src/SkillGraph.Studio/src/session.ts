// The API key of this browser session: kept in sessionStorage (gone when the tab closes), sent as X-Api-Key, never put
// in a URL. What the caller may do comes from the server (`viewer`), so the studio shows only controls that would work.
const storageKey = 'skillgraph.apiKey';

export interface Viewer {
  name: string | null;
  roles: string[];
  permissions: string[];
}

let viewer: Viewer = { name: null, roles: [], permissions: [] };
const listeners: (() => void)[] = [];

export function currentKey(): string | null {
  return sessionStorage.getItem(storageKey);
}

export function setKey(key: string | null): void {
  if (key) sessionStorage.setItem(storageKey, key);
  else sessionStorage.removeItem(storageKey);
}

export function currentViewer(): Viewer {
  return viewer;
}

export function setViewer(next: Viewer): void {
  viewer = next;
  for (const listener of listeners) listener();
}

export function onViewerChange(listener: () => void): void {
  listeners.push(listener);
}

export function may(permission: 'Read' | 'UseStudent' | 'Propose' | 'Apply' | 'Review' | 'BypassReview'): boolean {
  return viewer.permissions.includes(permission);
}

/** A steward applies (or proposes where review is required); either way the edit controls show. */
export function mayEdit(): boolean {
  return may('Apply') || may('Propose');
}
