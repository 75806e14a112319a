// Try the students: the skills a text expresses (highlighted by their spans) and the occupations it fits; a resume
// against a job: score, covered and missing skills, the explanation and suggested resume lines.
import { extractSkills, matchResume, suggestOccupations, type ResumeMatch } from '../api';
import { h, percent, replace, section } from '../dom';
import { highlightedText } from '../highlight';
import { may } from '../session';
import { busy, conceptLink, errorLine, field } from './common';

export const ExampleJobAd = `We are hiring a backend software developer to build our payment services.
You will design and write Java and SQL code, review pull requests, write unit tests, and work with the product team in an agile process.
Experience with cloud computing, Linux and continuous integration is a plus.`;

export const ExampleResume = `Backend developer with five years of Java and PostgreSQL.
Wrote unit tests for every change and took part in code reviews. Worked in Scrum teams.`;

export function studentsView(): HTMLElement {
  if (!may('UseStudent')) {
    return section('Try the students', h('p', {}, 'Your key may not ask the student models (it needs the UseStudent permission: app, steward, reviewer or admin).'));
  }
  return h('div', { class: 'stack' }, h('h1', {}, 'Try the students'), extractPanel(), matchPanel());
}

function extractPanel(): HTMLElement {
  const text = h('textarea', { rows: 7, class: 'wide' });
  text.value = ExampleJobAd;
  const button = h('button', { type: 'submit' }, 'Find skills and occupations');
  const error = errorLine();
  const result = h('div', { class: 'extract-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'form', 'aria-label': 'Extract skills' },
    field('text', 'A job ad or a resume', text), h('div', { class: 'actions' }, button), error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(button, error, async () => {
      const input = text.value;
      const [skills, occupations] = await Promise.all([extractSkills(input), suggestOccupations(input)]);
      replace(result,
        h('h3', {}, 'Skills in the text'),
        skills.length === 0 ? h('p', { class: 'muted' }, 'No ESCO skill found in the text.') : highlightedText(input, skills),
        h('ol', { class: 'skill-list', 'data-testid': 'extracted' }, skills.map((skill) => h('li', { 'data-uri': skill.uri },
          conceptLink(skill), h('span', { class: 'score' }, ` ${skill.score.toFixed(2)}`),
          h('span', { class: 'muted' }, ` — ${skill.spans.map((s) => `“${s.text}”`).join(', ')}`)))),
        h('h3', {}, 'Occupations it fits'),
        occupations.length === 0 ? h('p', { class: 'muted' }, 'No occupation fits these skills.') : h('ol', { class: 'suggestions' }, occupations.map((suggestion) => h('li', {},
          conceptLink(suggestion.occupation), h('span', { class: 'score' }, ` ${suggestion.score.toFixed(3)}`),
          h('ul', { class: 'reasons' }, suggestion.reasons.map((reason) => h('li', {}, reason)))))));
    });
  });
  return section('Skills in a text', form, result);
}

function matchPanel(): HTMLElement {
  const job = h('textarea', { rows: 6 });
  job.value = ExampleJobAd;
  const resume = h('textarea', { rows: 6 });
  resume.value = ExampleResume;
  const button = h('button', { type: 'submit' }, 'Match the resume to the job');
  const error = errorLine();
  const result = h('div', { class: 'match-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'form', 'aria-label': 'Match a resume' },
    h('div', { class: 'two' }, field('job', 'The job ad', job), field('resume', 'The resume', resume)), h('div', { class: 'actions' }, button), error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(button, error, async () => {
      const match = await matchResume(job.value, resume.value);
      replace(result,
        h('p', { class: `verdict ${match.matched ? 'ok' : 'no'}` }, h('strong', {}, match.matched ? 'A match' : 'Not a match'), ` — score ${percent(match.score)} (model ${match.model})`),
        h('p', {}, match.explanation),
        h('div', { class: 'two' },
          h('div', {}, h('h3', {}, `Covered skills (${match.coveredSkills.length})`), h('ul', { 'data-testid': 'covered' }, match.coveredSkills.map((s) => h('li', {},
            conceptLink(s), s.how !== 'exact' ? h('span', { class: 'muted' }, ` — ${s.how}${s.viaLabel ? ` via ${s.viaLabel}` : ''}`) : null, alternatives(s.alternatives), evidence(s.resumeLine, 'resume'))))),
          h('div', {}, h('h3', {}, `Missing skills (${match.missingSkills.length})`), missingByJobLine(match.missingSkills))));
    });
  });
  return section('A resume against a job', form, result);
}

type Missing = ResumeMatch['missingSkills'][number];

/**
 * The missing skills grouped by the job line that asks for them (one job sentence often asks for several): each line once, in the
 * order of its most important skill, its skills under it, each with the resume line suggested for it, or a note where the job's
 * words ground none; skills the job names on no line last.
 */
function missingByJobLine(missing: Missing[]): HTMLElement {
  if (missing.length === 0) return h('p', { class: 'muted', 'data-testid': 'missing' }, 'None: the resume shows every skill recognised in the job.');
  const groups = new Map<string | null, Missing[]>();
  for (const skill of missing) groups.set(skill.jobLine, [...(groups.get(skill.jobLine) ?? []), skill]);
  const lined = [...groups].filter(([line]) => line !== null);
  const unlined = groups.get(null);
  return h('div', { 'data-testid': 'missing' },
    h('p', { class: 'hint' }, `Asked for in ${lined.length} ${lined.length === 1 ? 'line' : 'lines'} of the job; under each skill, a line to paste into the resume (fill in the brackets).`),
    h('ol', { class: 'job-asks' }, [...lined, ...(unlined ? [[null, unlined] as const] : [])].map(([line, skills]) => h('li', { 'data-testid': 'job-ask' },
      line ? h('blockquote', { class: 'job-line', 'data-testid': 'job-line' }, `Job: “${line}”`) : h('p', { class: 'job-line muted' }, 'Not on one line of the job:'),
      h('ul', { class: 'asked' }, skills.map((skill) => h('li', { 'data-uri': skill.uri },
        conceptLink(skill),
        alternatives(skill.alternatives),
        skill.suggestedEdit
          ? h('span', { class: 'edit', 'data-testid': 'edit' }, skill.suggestedEdit)
          : h('small', { class: 'muted evidence' }, 'No line suggested: the job line does not name this skill outright.'))))))));
}

/** The job's other readings of the phrase that asks for a skill, on the same side (covered or missing), after its name (decision 0037). */
function alternatives(skills: { uri: string; label: string }[]): HTMLElement | null {
  if (skills.length === 0) return null;
  return h('span', { class: 'muted alternatives', 'data-testid': 'alternatives' }, ' (or ',
    ...skills.flatMap((s, i) => [i > 0 ? (i === skills.length - 1 ? ' or ' : ', ') : '', conceptLink(s)]), ')');
}

/** The line of the resume (or the job) that says a skill, shown under it, small and muted; nothing when there is none. */
function evidence(line: string | null, of: 'resume' | 'job'): HTMLElement | null {
  return line ? h('small', { class: 'muted evidence', 'data-testid': `${of}-line` }, `${of === 'resume' ? 'Resume' : 'Job'}: “${line}”`) : null;
}
