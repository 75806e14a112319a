// The picture of a concept's neighbourhood (cytoscape + the fcose layout): nodes coloured by kind, edges by relation
// (essential, optional, broader, related), a legend, and a click on a node expands its own neighbourhood.
// Performance measures: graph:draw (the answer arrived → laid out and painted) and graph:expand (the same for a click's expansion).
import cytoscape, { type Core, type ElementDefinition, type NodeSingular, type EdgeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { fetchConcept, type Concept, type ConceptKind } from '../api';
import { h, replace } from '../dom';
import { describe } from '../graphql';
import { conceptHref, navigate } from '../router';
import { kindNames } from './searchbox';

cytoscape.use(fcose);

export type Relation = 'ESSENTIAL' | 'OPTIONAL' | 'BROADER' | 'RELATED';
export interface RelationEnd { uri: string; label: string; kind: ConceptKind }
export interface PictureEvents {
  /** The relation the user selected in the picture (source → target as the API names it), or null. */
  onSelectRelation?: (relation: { type: Relation; from: RelationEnd; to: RelationEnd } | null) => void;
  /** The node the user clicked, and whether the picture has the relation `type` from `from` to `to`. */
  onSelectNode?: (node: RelationEnd, has: (type: Relation, from: string, to: string) => boolean) => void;
}

const kindColours: Record<ConceptKind, string> = { OCCUPATION: '#1f5fbf', SKILL: '#1b7f4c', SKILL_GROUP: '#b35900', ISCO_GROUP: '#7a3fb0' };
const relationStyles: Record<Relation, { colour: string; line: 'solid' | 'dashed' | 'dotted'; name: string }> = {
  ESSENTIAL: { colour: '#24364f', line: 'solid', name: 'essential' },
  OPTIONAL: { colour: '#8094ad', line: 'dashed', name: 'optional' },
  BROADER: { colour: '#b35900', line: 'dotted', name: 'broader' },
  RELATED: { colour: '#1b7f4c', line: 'dashed', name: 'related skill' },
};

/** How many neighbours of each relation a click on a node adds (the first page keeps the picture readable). */
const ExpandLimit = 40;

/** The edges of a concept's neighbourhood, in the API's direction (occupation → skill, narrower → broader). */
export function neighbourhood(concept: Concept): { nodes: RelationEnd[]; edges: { type: Relation; from: string; to: string }[] } {
  const nodes: RelationEnd[] = [{ uri: concept.uri, label: concept.preferredLabel, kind: concept.kind }];
  const edges: { type: Relation; from: string; to: string }[] = [];
  const add = (list: { nodes: { uri: string; preferredLabel: string; kind?: ConceptKind }[] } | undefined, type: Relation, outgoing: boolean, fallbackKind: ConceptKind) => {
    for (const node of list?.nodes ?? []) {
      nodes.push({ uri: node.uri, label: node.preferredLabel, kind: node.kind ?? fallbackKind });
      edges.push(outgoing ? { type, from: concept.uri, to: node.uri } : { type, from: node.uri, to: concept.uri });
    }
  };
  add(concept.essentialSkills, 'ESSENTIAL', true, 'SKILL');
  add(concept.optionalSkills, 'OPTIONAL', true, 'SKILL');
  add(concept.essentialFor, 'ESSENTIAL', false, 'OCCUPATION');
  add(concept.optionalFor, 'OPTIONAL', false, 'OCCUPATION');
  add(concept.relatedSkills, 'RELATED', true, 'SKILL');
  add(concept.broader, 'BROADER', true, 'SKILL_GROUP');
  add(concept.narrower, 'BROADER', false, 'SKILL');
  return { nodes, edges };
}

export interface PictureCanvas extends HTMLElement {
  cytoscape?: Core;
}

export interface Picture {
  element: HTMLElement;
  cy: Core;
  destroy(): void;
}

export function picture(concept: Concept, events: PictureEvents = {}): Picture {
  performance.clearMarks('graph:data');
  performance.mark('graph:data');
  const canvas = h('div', { class: 'picture-canvas', role: 'img', 'aria-label': `Neighbourhood of ${concept.preferredLabel}` });
  const caption = h('p', { class: 'picture-caption', 'aria-live': 'polite' });
  const selection = h('div', { class: 'picture-selection', 'aria-live': 'polite' });
  const actions = h('div', { class: 'picture-actions' });
  const legend = h('ul', { class: 'legend', 'aria-label': 'Legend' },
    (Object.keys(kindColours) as ConceptKind[]).map((kind) => h('li', {}, h('span', { class: 'swatch', style: `background:${kindColours[kind]}` }), kindNames[kind])),
    (Object.keys(relationStyles) as Relation[]).map((relation) => h('li', {},
      h('span', { class: `line line-${relationStyles[relation].line}`, style: `border-color:${relationStyles[relation].colour}` }), relationStyles[relation].name)));
  const element = h('figure', { class: 'picture' }, canvas, h('figcaption', {}, caption, legend, selection, actions));

  const create = () => cytoscape({
    container: canvas,
    layout: { name: 'preset' },
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      { selector: 'node', style: {
        'background-color': (n: NodeSingular) => kindColours[n.data('kind') as ConceptKind], label: 'data(label)', 'font-size': 9, color: '#1c2430',
        'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis', 'text-max-width': '90px', 'min-zoomed-font-size': 7, width: 14, height: 14,
        'text-background-color': '#ffffff', 'text-background-opacity': 0.7, 'text-background-padding': '1px',
      } },
      { selector: 'node[?centre]', style: { width: 30, height: 30, 'font-size': 13, 'font-weight': 'bold', 'text-max-width': '200px', 'border-width': 3, 'border-color': '#0b1726' } },
      { selector: 'node[?expanded]', style: { width: 20, height: 20, 'border-width': 2, 'border-color': '#0b1726' } },
      { selector: 'node.quiet', style: { label: '' } },
      { selector: 'node.hover, node:selected', style: { label: 'data(label)' } },
      { selector: 'node.hover', style: { 'font-size': 12, 'text-background-opacity': 1, 'z-index': 20, 'min-zoomed-font-size': 0, 'text-max-width': '220px' } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#e0a800', 'font-size': 12, 'z-index': 10 } },
      { selector: 'edge', style: { width: 1.2, 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.6, opacity: 0.75 } },
      ...(Object.keys(relationStyles) as Relation[]).map((relation) => ({
        selector: `edge[type = "${relation}"]`, style: { 'line-color': relationStyles[relation].colour, 'target-arrow-color': relationStyles[relation].colour, 'line-style': relationStyles[relation].line },
      })),
      { selector: 'edge:selected', style: { width: 3, 'line-color': '#e0a800', 'target-arrow-color': '#e0a800', opacity: 1 } },
    ],
  });
  let cy: Core = null!;

  const labels = new Map<string, RelationEnd>();
  const add = (next: ReturnType<typeof neighbourhood>) => {
    const elements: ElementDefinition[] = [];
    for (const node of next.nodes) {
      if (labels.has(node.uri)) continue;
      labels.set(node.uri, node);
      elements.push({ group: 'nodes', data: { id: node.uri, label: node.label, kind: node.kind } });
    }
    for (const edge of next.edges) {
      const id = `${edge.type}|${edge.from}|${edge.to}`;
      if (cy.getElementById(id).nonempty()) continue;
      elements.push({ group: 'edges', data: { id, source: edge.from, target: edge.to, type: edge.type } });
    }
    cy.add(elements);
  };
  /**
   * Past this many nodes, what an expansion added keeps its label only when it links to more than the expanded node
   * (hover shows the rest); the concept's own neighbours keep theirs.
   */
  const QuietAbove = 120;
  const describeGraph = () => {
    cy.nodes().removeClass('quiet');
    if (cy.nodes().length > QuietAbove) {
      const centre = cy.getElementById(concept.uri);
      cy.nodes().filter((n) => !n.data('expanded') && n.degree(false) <= 1 && n.edgesWith(centre).empty()).addClass('quiet');
    }
    const counts = (Object.keys(kindColours) as ConceptKind[]).map((kind) => [kind, cy.nodes(`[kind = "${kind}"]`).length] as const).filter(([, n]) => n > 0);
    const quiet = cy.nodes('.quiet').length;
    caption.textContent = `${cy.nodes().length} nodes (${counts.map(([kind, n]) => `${n} ${kindNames[kind]}${n === 1 ? '' : 's'}`).join(', ')}), ${cy.edges().length} relations. Click a node to expand it${quiet > 0 ? `; ${quiet} labels of expanded nodes' neighbours show on hover` : ''}.`;
    canvas.dataset['nodes'] = String(cy.nodes().length);
    // data-nodes-occupation, data-nodes-skill, data-nodes-skill-group, data-nodes-isco-group
    for (const [kind, n] of counts) canvas.dataset[`nodes${kind.toLowerCase().replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase())}`] = String(n);
  };
  const layout = (randomize: boolean) => new Promise<void>((done) => {
    const run = cy.layout({
      name: 'fcose', quality: 'default', randomize, animate: false, fit: true, padding: 24,
      nodeRepulsion: () => 9000, idealEdgeLength: () => 90, nodeSeparation: 80, numIter: 2500, tile: true,
    } as cytoscape.LayoutOptions);
    run.one('layoutstop', () => done());
    run.run();
  });

  // Made once the canvas is in the page and has its size (cytoscape measures its container): by the next frame.
  let destroyed = false;
  const start = () => {
    if (destroyed) return;
    if (!canvas.isConnected) {
      requestAnimationFrame(start);
      return;
    }
    cy = create();
    // The instance on its canvas, for the browser checks and the benchmark (they click nodes where cytoscape drew them).
    (canvas as PictureCanvas).cytoscape = cy;
    listen();
    add(neighbourhood(concept));
    cy.getElementById(concept.uri).data('centre', true).data('expanded', true);
    describeGraph();
    void layout(true).then(() => requestAnimationFrame(() => {
      performance.mark('graph:drawn');
      performance.measure('graph:draw', 'graph:data', 'graph:drawn');
      canvas.dataset['drawn'] = 'true';
    }));
  };
  requestAnimationFrame(start);

  const end = (uri: string): RelationEnd => labels.get(uri)!;
  const listen = () => {
    cy.on('tap', 'node', async (event) => {
      const node = event.target as NodeSingular;
      const uri = node.id();
      replace(selection, h('a', { href: conceptHref(uri), 'data-link': true }, `Open “${node.data('label')}”`), node.data('expanded') ? ' (expanded)' : ' — expanding…');
      events.onSelectRelation?.(null);
      events.onSelectNode?.(end(uri), (type, from, to) => cy.getElementById(`${type}|${from}|${to}`).nonempty());
      if (node.data('expanded')) return;
      try {
        const next = await fetchConcept(uri, ExpandLimit);
        if (!next) return;
        performance.clearMarks('graph:expand-data');
        performance.mark('graph:expand-data');
        node.data('expanded', true);
        const before = cy.nodes().length;
        add(neighbourhood(next));
        describeGraph();
        await layout(false);
        await new Promise((painted) => requestAnimationFrame(painted));
        performance.mark('graph:expanded');
        performance.measure('graph:expand', 'graph:expand-data', 'graph:expanded');
        replace(selection, h('a', { href: conceptHref(uri), 'data-link': true }, `Open “${node.data('label')}”`), ` — expanded: ${cy.nodes().length - before} new nodes.`);
      } catch (error) {
        replace(selection, h('span', { class: 'error' }, describe(error)));
      }
    });
    cy.on('mouseover', 'node', (event) => (event.target as NodeSingular).addClass('hover'));
    cy.on('mouseout', 'node', (event) => (event.target as NodeSingular).removeClass('hover'));
    cy.on('dbltap', 'node', (event) => navigate(conceptHref((event.target as NodeSingular).id())));
    cy.on('tap', 'edge', (event) => {
      const edge = event.target as EdgeSingular;
      const type = edge.data('type') as Relation;
      const from = end(edge.data('source') as string);
      const to = end(edge.data('target') as string);
      replace(selection, `${from.label} → ${relationStyles[type].name} → ${to.label}`);
      events.onSelectRelation?.({ type, from, to });
    });
  };

  return {
    element,
    get cy() { return cy; },
    destroy: () => {
      destroyed = true;
      cy?.destroy();
    },
  };
}
