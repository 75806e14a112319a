#!/usr/bin/env python3
"""Writes src/SkillGraph.Graph/Sample/sample-graph.json: 20 occupations of ESCO v1.1.1 with their essential
skills, up to 6 optional skills each, and the hierarchy above them ("ESCO, European Commission").
Run once by a maintainer; the JSON is committed, this script documents how it was made.
Usage: tools/make-sample-graph.py [ESCO_DIR]"""
import csv, json, sys, os
esco = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.environ.get('SKILLGRAPH_DATA', '../shared/data'), 'esco/v1.1.1')
def rows(f): return list(csv.DictReader(open(os.path.join(esco, f), encoding='utf-8', newline='')))
OCCUPATIONS = ['software developer', 'data scientist', 'database administrator', 'ICT security manager', 'web developer',
  'nurse responsible for general care', 'physiotherapist', 'pharmacist', 'primary school teacher', 'accountant',
  'human resources manager', 'marketing manager', 'chef', 'electrician', 'carpenter', 'bus driver',
  'civil engineer', 'graphic designer', 'lawyer', 'sales assistant']
def first_sentence(text):
    text = (text or '').strip().replace('\n', ' ')
    i = text.find('. ')
    return text if i < 0 else text[:i + 1]
occ = {r['preferredLabel']: r for r in rows('occupations_en.csv')}
skills = {r['conceptUri']: r for r in rows('skills_en.csv')}
groups = {r['conceptUri']: r for r in rows('skillGroups_en.csv')}
isco = {r['conceptUri']: r for r in rows('ISCOGroups_en.csv')}
occ_by_uri = {r['conceptUri']: r for r in occ.values()}
rel = rows('occupationSkillRelations.csv')
obroader = rows('broaderRelationsOccPillar.csv'); sbroader = rows('broaderRelationsSkillPillar.csv')
collections = {}
for f, name in [('digitalSkillsCollection_en.csv', 'digital'), ('greenSkillsCollection_en.csv', 'green'), ('transversalSkillsCollection_en.csv', 'transversal'),
                ('languageSkillsCollection_en.csv', 'language'), ('researchSkillsCollection_en.csv', 'research'), ('digCompSkillsCollection_en.csv', 'digComp')]:
    for r in rows(f): collections.setdefault(r['conceptUri'], []).append(name)
chosen = [occ[name]['conceptUri'] for name in OCCUPATIONS]
relations, skill_uris = [], set()
for o in chosen:
    optional = 0
    for r in rel:
        if r['occupationUri'] != o: continue
        if r['relationType'] == 'essential' or optional < 6:
            if r['relationType'] == 'optional': optional += 1
            relations.append({'source': o, 'type': 'essentialSkill' if r['relationType'] == 'essential' else 'optionalSkill', 'target': r['skillUri']})
            skill_uris.add(r['skillUri'])
nodes = set(chosen) | skill_uris
frontier = set(nodes)
while frontier:
    nxt = set()
    for b in obroader + sbroader:
        if b['conceptUri'] in frontier and b['broaderUri'] in (occ_by_uri.keys() | isco.keys() | groups.keys() | skills.keys()):
            relations.append({'source': b['conceptUri'], 'type': 'broader', 'target': b['broaderUri']})
            if b['broaderUri'] not in nodes: nxt.add(b['broaderUri'])
    nodes |= nxt; frontier = nxt
concepts = []
def kind_of(u):
    return 'occupation' if u in occ_by_uri else 'skill' if u in skills else 'skillGroup' if u in groups else 'iscoGroup'
for u in sorted(nodes):
    r = occ_by_uri.get(u) or skills.get(u) or groups.get(u) or isco.get(u)
    k = kind_of(u)
    c = {'uri': u, 'kind': k, 'preferredLabel': r['preferredLabel'],
         'altLabels': [l for l in (r.get('altLabels') or '').split('\n') if l][:5],
         'description': first_sentence(r.get('description')), 'code': r.get('code') or None,
         'skillType': {'skill/competence': 'skillCompetence', 'knowledge': 'knowledge'}.get(r.get('skillType') or ''),
         'reuseLevel': {'transversal': 'transversal', 'cross-sector': 'crossSector', 'sector-specific': 'sectorSpecific', 'occupation-specific': 'occupationSpecific'}.get(r.get('reuseLevel') or ''),
         'collections': collections.get(u, [])}
    concepts.append(c)
seen = set(); unique = []
for r in relations:
    key = (r['source'], r['type'], r['target'])
    if key not in seen: seen.add(key); unique.append(r)
out = {'source': 'ESCO v1.1.1 subset (ESCO, European Commission)', 'concepts': concepts, 'relations': unique}
path = os.path.join(os.path.dirname(__file__), '..', 'src', 'SkillGraph.Graph', 'Sample', 'sample-graph.json')
json.dump(out, open(path, 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
print(len(concepts), 'concepts,', len(unique), 'relations ->', path)
