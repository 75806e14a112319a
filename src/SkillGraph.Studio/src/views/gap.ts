// The skill gap between an occupation and a pasted text: the student finds the text's skills (or the text is read as a
// list of skill names), then the occupation's missing skills come ranked, with partial cover by broader/narrower skills.
import { extractSkills, skillGap, type MissingSkill } from '../api';
import { h, percent, replace, section } from '../dom';
import { navigate } from '../router';
import { may } from '../session';
import { busy, conceptLink, errorLine, field, refList } from './common';
import { searchBox } from './searchbox';
import { ExampleResume } from './students';

export function gapView(occupationUri: string | null, occupationLabel: string | null): HTMLElement {
  const chosen = h('p', { class: 'chosen' }, occupationUri ? h('span', {}, 'Occupation: ', conceptLink({ uri: occupationUri, label: occupationLabel ?? occupationUri })) : h('span', { class: 'muted' }, 'Choose an occupation.'));
  const picker = searchBox({ label: 'Occupation', placeholder: 'Find an occupation…', kinds: ['OCCUPATION'], onPick: (hit) => navigate(`/gap?uri=${encodeURIComponent(hit.uri)}`) });
  const text = h('textarea', { rows: 6 });
  text.value = ExampleResume;
  const mode = h('select', {},
    may('UseStudent') ? h('option', { value: 'extract' }, 'Free text: the student finds its skills') : null,
    h('option', { value: 'names' }, 'A list of skill names (commas, semicolons or lines)'));
  const button = h('button', { type: 'submit', disabled: !occupationUri }, 'Show the gap');
  const error = errorLine();
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'form', 'aria-label': 'Skill gap' }, field('mode', 'The text is', mode), field('text', 'Skills held (a resume, a profile, or skill names)', text), h('div', { class: 'actions' }, button), error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!occupationUri) return;
    void busy(button, error, async () => {
      const held = mode.value === 'extract' ? { uris: (await extractSkills(text.value, 40)).map((s) => s.uri) } : { text: text.value };
      const gap = await skillGap(occupationUri, held);
      replace(result,
        h('p', {}, h('strong', {}, `Essential coverage ${percent(gap.essentialCoverage)}`), ` for ${gap.occupation.label}. `, gap.reasons.join(' ')),
        h('h3', {}, 'Skills held'), refList(gap.held.map((held) => held.skill), 'none found'),
        gap.unresolved.length > 0 ? h('p', { class: 'muted' }, `Not recognised: ${gap.unresolved.join(', ')}`) : null,
        h('h3', {}, `Missing essential skills (${gap.missingEssential.length}), most important first`), missingList(gap.missingEssential, 'gap-essential'),
        h('h3', {}, `Missing optional skills (${gap.missingOptional.length})`), missingList(gap.missingOptional.slice(0, 30), 'gap-optional'));
    });
  });
  return h('div', { class: 'stack' }, h('h1', {}, 'Skill gap'), section('Occupation and skills', chosen, picker, form), result);
}

function missingList(missing: MissingSkill[], testId: string): HTMLElement {
  if (missing.length === 0) return h('p', { class: 'muted' }, 'None.');
  return h('ol', { class: 'ranked', 'data-testid': testId }, missing.map((m) => h('li', {},
    conceptLink(m.skill), h('span', { class: 'score' }, ` priority ${m.priority.toFixed(2)}`),
    m.cover ? h('span', { class: 'muted' }, ` — partly covered by ${m.cover.heldSkill.label} (${m.cover.how}, ${percent(m.cover.credit)})`) : null)));
}
