"""Draws the occupations and the per-item instructions of the helper-written batches (a-d: selection and held-out; e-h:
train; i-l: drawn in session 22, of which k is held-out-2) and writes each batch's eight briefs (brief-<batch><part>.json,
12 items each; batch a's have no letter). Run from this folder: python3 sample.py ESCO_OCCUPATIONS_CSV OUT_DIR.
Batch a draws 96 occupations with seed 20261203; each later batch draws 96 more, from the occupations no earlier batch drew,
with the next seed. The unmatched resume's filter (how many asked-for things to remove, whether to drop an experience entry,
whether to shorten the years) and whether the ad asks for years are drawn per item, as the RJDB recipe filters a resume."""
import csv, json, random, sys

JOB_STYLES = [
    "markdown: '## About the role', '## Responsibilities' bullets, '## Requirements' bullets, '## What we offer'",
    "plain prose: 3-4 paragraphs, no headings, no bullets",
    "a short block of posting fields first (e.g. 'Location: ...', 'Employment type: ...', 'Salary: ...'), then 'Key responsibilities' and 'What you'll need' bullet lists",
    "bold headings (**Who we are**, **What you will do**, **What you bring**) with bullets, friendly tone",
    "a concise ad of 120-180 words, one paragraph plus a short bullet list of requirements",
]
RESUME_STYLES = [
    "markdown with headings (Summary, Experience with dated entries, Skills, Education)",
    "plain text with a name line, a short profile paragraph, dated experience entries with bullet points, a skills line, education",
    "a first-person narrative profile of 2-3 paragraphs followed by a dated work history list",
]


def batch(rows, rng, tag, first):
    picked = rng.sample(rows, 96)
    items = []
    for i, r in enumerate(picked):
        k = rng.choice([2, 2, 3, 3, 3, 4, 4, 5])
        if first:  # batch a drew its choices in this order
            drop, years, asks = rng.random() < 0.4, rng.random() < 0.3, rng.random() < 0.6
            job, resume = rng.choice(JOB_STYLES), rng.choice(RESUME_STYLES)
        else:
            job, resume = rng.choice(JOB_STYLES), rng.choice(RESUME_STYLES)
            asks = rng.random() < 0.6
            drop, years = rng.random() < 0.4, rng.random() < 0.3
        items.append(dict(id=f"llm-{tag}{i:03d}", occupationUri=r['conceptUri'], occupationLabel=r['preferredLabel'],
                          escoDescription=r['description'].strip(), jobStyle=job, resumeStyle=resume, jobAsksYears=asks,
                          filter=dict(removeSkills=k, removeOneExperienceEntry=drop, shortenYears=years)))
    return items


def main(csv_path, out):
    rows = list(csv.DictReader(open(csv_path, encoding='utf-8')))
    used = set()
    # a-d: selection.jsonl and held-out.jsonl (session 21); e-h: train.jsonl, i-l later (session 22; k: held-out-2.jsonl), each
    # drawn after the earlier batches so that theirs are unchanged.
    for n, (tag, seed) in enumerate([('', 20261203), ('b', 20261204), ('c', 20261205), ('d', 20261206),
                                     ('e', 20261207), ('f', 20261208), ('g', 20261209), ('h', 20261210), ('i', 20261211), ('j', 20261212), ('k', 20261213), ('l', 20261214)]):
        pool = [r for r in rows if r['conceptUri'] not in used]
        items = batch(pool, random.Random(seed), tag, n == 0)
        used |= {p['occupationUri'] for p in items}
        for h in range(8):
            with open(f"{out}/brief-{tag}{h}.json", 'w') as f:
                json.dump(items[h * 12:(h + 1) * 12], f, indent=1)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
