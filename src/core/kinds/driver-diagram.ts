/** A driver diagram: the aim, what drives it, the changes to test, and how we will know (DESIGN §1.2). */
import { driverSchema } from '../schemas/kinds';
import type { DocumentSymbol } from '../lang/api';
import { listItems, type Item } from '../model/items';
import { ids, text } from '../model/values';
import { itemSymbol, section, short } from './outline';
import { ownerSite, type KindSnippets, type KindSpec, type OutlineContext } from './spec';

function outline(ctx: OutlineContext): DocumentSymbol[] {
  const data = ctx.data;
  const primaries = listItems(data, ['primary_drivers']);
  const secondaries = listItems(data, ['secondary_drivers']);
  const ideas = listItems(data, ['change_ideas']);
  const supports = (item: Item) => ids(item.value.supports).map((s) => s.split('#').pop()!);
  const ideasOf = (id: string) => ideas.filter((c) => supports(c).includes(id)).map((c) => itemSymbol(ctx, c, 'change-idea'));
  const placed = new Set<Item>();
  const tree = primaries.map((p) => {
    const under = secondaries.filter((s) => supports(s).includes(p.id));
    under.forEach((s) => placed.add(s));
    return itemSymbol(ctx, p, 'driver', undefined, undefined, [...under.map((s) => itemSymbol(ctx, s, 'driver', undefined, undefined, ideasOf(s.id))), ...ideasOf(p.id)]);
  });
  const out: DocumentSymbol[] = [];
  const aim = data.aim && typeof data.aim === 'object' ? (data.aim as Record<string, unknown>) : undefined;
  if (aim && ctx.doc.has(['aim'])) {
    const keyRange = ctx.range(['aim'], 'key');
    out.push({ name: short(text(aim.statement)) ?? 'Aim', detail: 'aim', kind: 'aim', range: { start: keyRange.start, end: ctx.range(['aim'], 'value').end }, selectionRange: keyRange, children: tree });
  } else out.push(...tree);
  const known = new Set([...primaries, ...secondaries].map((i) => i.id));
  const loose = secondaries.filter((s) => !placed.has(s)).map((s) => itemSymbol(ctx, s, 'driver', undefined, undefined, ideasOf(s.id)));
  const orphanIdeas = ideas.filter((c) => !supports(c).some((s) => known.has(s))).map((c) => itemSymbol(ctx, c, 'change-idea'));
  out.push(...section(ctx, 'secondary_drivers', 'Secondary drivers supporting no primary driver', loose));
  out.push(...section(ctx, 'change_ideas', 'Change ideas supporting no driver', orphanIdeas));
  out.push(...section(ctx, 'measures', 'Measures', listItems(data, ['measures']).map((m) => itemSymbol(ctx, m, 'measure', undefined, [m.id, text(m.value.type)].filter(Boolean).join(' · ')))));
  return out;
}

export const driverDiagram = {
  name: 'driver-diagram',
  suffix: 'driver',
  label: 'Driver diagram',
  shortLabel: 'Driver diagram',
  description: 'The aim, what drives it, the changes to test, and how we will know',
  schema: driverSchema,
  namespaces: [[['primary_drivers'], ['secondary_drivers'], ['change_ideas'], ['measures']]],
  references: [
    ownerSite(),
    ownerSite(['primary_drivers', '*']),
    ownerSite(['secondary_drivers', '*']),
    ownerSite(['change_ideas', '*']),
    { at: ['aim', 'measure'], target: { scope: 'local', lists: ['measures'] }, what: 'measure' },
    { at: ['secondary_drivers', '*', 'supports'], target: { scope: 'local', lists: ['primary_drivers'] }, what: 'primary driver' },
    { at: ['change_ideas', '*', 'supports'], target: { scope: 'local', lists: ['secondary_drivers', 'primary_drivers'] }, what: 'secondary or primary driver' },
    { at: ['change_ideas', '*', 'measures'], target: { scope: 'local', lists: ['measures'] }, what: 'measure' },
  ],
  skeleton: (id, _context) => `kind: driver-diagram\nid: ${id}\ntitle: Our improvement aim
aim:
  statement: Raise the share of students who …
  measure: m-outcome
  baseline: 40%
  target: 60%
  by: 2027-06-30
  population: the students in scope
primary_drivers:
  - { id: p-first, title: A primary driver }
secondary_drivers:
  - { id: s-first, title: A secondary driver, supports: [p-first] }
change_ideas:
  - id: c-first
    title: A change idea to test
    supports: [s-first]
    measures: [m-process]
    status: idea
measures:
  - { id: m-outcome, name: The outcome we want, type: outcome }
  - { id: m-process, name: How often the change happens, type: process }
  - { id: m-balancing, name: What could get worse, type: balancing }
`,
  outline,
} as const satisfies KindSpec<'driver-diagram'>;

/** Its snippets: served by completion (`lang/snippets.ts`), and written into snippets/ for other editors by `npm run generate`. */
export const snippets = {
  document: {
    name: "Driver diagram",
    prefix: ["improvekit-driver-diagram", "ik-driver"],
    description: "Improvekit: a whole driver diagram (aim, drivers, change ideas, measures)",
    body: [
      "kind: driver-diagram",
      "id: ${1:k3-reading}",
      "title: ${2:Grade 3 reading}",
      "aim:",
      "  statement: ${3:Raise the share of grade 3 students reading at grade level}",
      "  measure: m-outcome",
      "  baseline: ${4:42%}",
      "  target: ${5:70%}",
      "  by: ${6:2027-06-30}",
      "  population: ${7:grade 3 students in 12 elementary schools}",
      "primary_drivers:",
      "  - { id: p-first, title: ${8:Every teacher gets weekly coaching} }",
      "secondary_drivers:",
      "  - { id: s-first, title: ${9:Team leads have time to coach}, supports: [p-first] }",
      "change_ideas:",
      "  - id: c-first",
      "    title: ${10:Twice-weekly data huddles per grade team}",
      "    supports: [s-first]",
      "    measures: [m-process]",
      "    status: ${11|idea,testing,implementing,spreading,abandoned|}",
      "measures:",
      "  - { id: m-outcome, name: ${12:Reading at grade level}, type: outcome }",
      "  - { id: m-process, name: ${13:Huddles held per week}, type: process }",
      "  - { id: m-balancing, name: ${14:Team lead hours per week}, type: balancing }",
      "$0",
    ],
  },
  items: [
  {
    name: "Change idea",
    prefix: ["ik-change-idea"],
    description: "Improvekit: a change idea under change_ideas",
    list: ["change_ideas"],
    references: { 3: { at: ["change_ideas", "*", "supports"] }, 4: { at: ["change_ideas", "*", "measures"] } },
    body: [
      "- id: ${1:c-new}",
      "  title: ${2:What the team will try}",
      "  supports: [${3:s-first}]",
      "  measures: [${4:m-process}]",
      "  status: ${5|idea,testing,implementing,spreading,abandoned|}",
    ],
  },
  {
    name: "Secondary driver",
    prefix: ["ik-secondary-driver"],
    description: "Improvekit: a secondary driver under secondary_drivers",
    list: ["secondary_drivers"],
    references: { 3: { at: ["secondary_drivers", "*", "supports"] } },
    body: [
      "- { id: ${1:s-new}, title: ${2:What must be true for the primary driver}, supports: [${3:p-first}] }",
    ],
  },
  {
    name: "Measure",
    prefix: ["ik-measure"],
    description: "Improvekit: a measure under measures",
    list: ["measures"],
    body: [
      "- { id: ${1:m-new}, name: ${2:What we count}, type: ${3|process,outcome,balancing|} }",
    ],
  },
  ],
} satisfies KindSnippets;
