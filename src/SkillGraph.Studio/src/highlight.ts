// The extracted skills' character spans marked in the text. Offsets are the API's: indices into the text as UTF-16 code
// units (.NET strings and JavaScript strings count alike), so text.slice(start, end) is the span's text, also past an
// emoji or an accented letter written with a combining mark. Overlapping spans share one mark that lists them all.
import type { ExtractedSkill } from './api';
import { h } from './dom';

interface Span { start: number; end: number; skill: ExtractedSkill }

export function highlightedText(text: string, skills: ExtractedSkill[]): HTMLElement {
  const spans: Span[] = skills.flatMap((skill) => skill.spans.map((span) => ({ start: span.start, end: span.end, skill })))
    .filter((span) => span.start >= 0 && span.end <= text.length && span.start < span.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const clusters: Span[][] = [];
  for (const span of spans) {
    const last = clusters[clusters.length - 1];
    if (last && span.start < Math.max(...last.map((s) => s.end))) last.push(span);
    else clusters.push([span]);
  }
  const out = h('p', { class: 'highlighted' });
  let at = 0;
  for (const cluster of clusters) {
    const start = cluster[0]!.start;
    const end = Math.max(...cluster.map((s) => s.end));
    if (start > at) out.append(text.slice(at, start));
    const names = [...new Set(cluster.map((s) => s.skill.label))];
    out.append(h('mark', {
      'data-start': start, 'data-end': end, 'data-spans': cluster.map((s) => `${s.start}-${s.end}`).join(' '),
      'data-uris': [...new Set(cluster.map((s) => s.skill.uri))].join(' '), title: names.join(', '),
    }, text.slice(start, end), h('span', { class: 'visually-hidden' }, ` (skill: ${names.join(', ')})`)));
    at = end;
  }
  if (at < text.length) out.append(text.slice(at));
  return out;
}
