// One line at the top of the page for what just happened (role=alert): a saved change, or an error no form owns.
import { byId } from './dom';

let timer: number | undefined;

export function notify(text: string, kind: 'ok' | 'error' = 'ok'): void {
  const notice = byId('notice');
  notice.textContent = text;
  notice.className = `notice ${kind}`;
  notice.hidden = false;
  window.clearTimeout(timer);
  if (kind === 'ok') timer = window.setTimeout(() => { notice.hidden = true; }, 8000);
}

export function clearNotice(): void {
  byId('notice').hidden = true;
}
