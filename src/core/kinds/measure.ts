/**
 * A measure over time: its definition, its data (inline or a CSV file of the repository) and the
 * chart that tells whether a change is an improvement (DESIGN §1.7) — the third question of
 * improvement science, "how will we know that a change is an improvement?".
 */
import { measureSchema } from '../schemas/kinds';
import type { DocumentSymbol } from '../lang/api';
import { date, items, obj, text } from '../model/values';
import { short } from './outline';
import { ownerSite, type KindSnippets, type KindSpec, type LinkName, type OutlineContext } from './spec';

function outline(ctx: OutlineContext): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const group = (key: string, name: string, children: DocumentSymbol[]) => {
    if (!children.length || !ctx.doc.has([key])) return;
    const keyRange = ctx.range([key], 'key');
    out.push({ name, kind: 'section', range: { start: keyRange.start, end: ctx.range([key], 'value').end }, selectionRange: keyRange, children });
  };
  group(
    'phases',
    'Phases',
    items(ctx.data.phases).map(({ item, index }) => {
      const start = date(item.start);
      return {
        name: short(text(item.label)) ?? (start ? `Phase from ${start}` : `Phase ${index + 1}`),
        detail: [start, item.freeze !== undefined && item.freeze !== null ? `limits from ${text(item.freeze)} points` : undefined].filter(Boolean).join(' · ') || undefined,
        kind: 'section' as const,
        range: ctx.range(['phases', index], 'value'),
        selectionRange: ctx.range(['phases', index], 'item'),
        children: [],
      };
    }),
  );
  group(
    'annotations',
    'Annotations',
    items(ctx.data.annotations).map(({ item, index }) => ({
      name: short(text(item.text)) ?? `Annotation ${index + 1}`,
      detail: date(item.date),
      kind: 'section' as const,
      range: ctx.range(['annotations', index], 'value'),
      selectionRange: ctx.range(['annotations', index], 'item'),
      children: [],
    })),
  );
  return out;
}

export const measure = {
  name: 'measure',
  suffix: 'measure',
  label: 'Measure',
  shortLabel: 'Measure',
  description: 'A measure over time, with its data and the chart that tells whether a change is an improvement',
  schema: measureSchema,
  namespaces: [],
  references: [{ at: ['measure'], target: { scope: 'driver', list: 'measures' }, what: 'measure' }, ownerSite()],
  // Twelve weeks with no signal (median 21, 8 runs for 10 points off the median, no long run or
  // trend), so that a new measure starts with no finding and shows what a chart needs.
  skeleton: (id, _context) => `kind: measure\nid: ${id}\ntitle: Minutes each data huddle ran
# measure: driver-diagram-id#measure-id   # the driver-diagram measure this gives data for
definition: Minutes from the start to the end of each huddle, by the Team Lead's timer
unit: minutes
better: down
chart: run
data:
  # or a CSV file of the repository: file: data/huddles.csv, with date: and value: columns
  points:
    - { date: 2026-01-05, value: 20 }
    - { date: 2026-01-12, value: 22 }
    - { date: 2026-01-19, value: 21 }
    - { date: 2026-01-26, value: 19 }
    - { date: 2026-02-02, value: 23 }
    - { date: 2026-02-09, value: 24 }
    - { date: 2026-02-16, value: 20 }
    - { date: 2026-02-23, value: 18 }
    - { date: 2026-03-02, value: 22 }
    - { date: 2026-03-09, value: 21 }
    - { date: 2026-03-16, value: 19 }
    - { date: 2026-03-23, value: 23 }
`,
  learn(data, context) {
    const links: Array<[LinkName, string]> = [];
    const file = text(obj(data.data)?.file);
    const uri = file ? context.resolveData(file) : undefined;
    if (uri) links.push(['reads-data', uri]);
    const ref = text(data.measure);
    if (ref) links.push(['data-for-measure', ref.includes('#') ? ref : `#${ref}`]);
    return { links };
  },
  outline,
} as const satisfies KindSpec<'measure'>;

/** Its snippets: served by completion (`lang/snippets.ts`), and written into snippets/ for other editors by `npm run generate`. */
export const snippets = {
  document: {
    name: 'Measure over time',
    prefix: ['improvekit-measure', 'ik-measure-document'],
    description: 'Improvekit: a whole measure (definition, data, chart, phases)',
    references: { 3: { at: ['measure'], none: 'drop' } },
    body: [
      'kind: measure',
      'id: ${1:huddle-minutes}',
      'title: ${2:Minutes each data huddle ran}',
      'measure: ${3:k3-reading#m-process}',
      'definition: ${4:Minutes from the start to the end of each huddle, by the Team Lead\'s timer}',
      'unit: ${5:minutes}',
      'better: ${6|down,up|}',
      'target: ${7:20}',
      'chart: ${8|xmr,run,p,u,c|}',
      'data:',
      '  # or a CSV file of the repository: file: data/huddles.csv, with its date: and value: columns',
      '  points:',
      '    - { date: ${9:2026-01-05}, value: ${10:28} }',
      'phases:',
      '  - { start: ${11:2026-01-05}, label: ${12:Baseline}, freeze: ${13:12} }',
      '$0',
    ],
  },
  items: [
    {
      name: 'Measure phase',
      prefix: ['ik-phase'],
      description: 'Improvekit: a phase of a measure, with the change that started it, under phases',
      list: ['phases'],
      body: ['- { start: ${1:2026-03-02}, label: ${2:With template}, reason: ${3:huddles-c2 put the template in use} }'],
    },
    {
      name: 'Measure annotation',
      prefix: ['ik-annotation'],
      description: 'Improvekit: a note drawn on the chart at its date, under annotations',
      list: ['annotations'],
      body: ['- { date: ${1:2026-02-02}, text: ${2:Huddles moved to Tuesdays} }'],
    },
    {
      name: 'Measure point',
      prefix: ['ik-point'],
      description: 'Improvekit: a data point, under data.points (add n: for p and u charts)',
      list: ['data', 'points'],
      body: ['- { date: ${1:2026-03-09}, value: ${2:18} }'],
    },
  ],
} satisfies KindSnippets;
