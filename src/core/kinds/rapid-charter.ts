/** A RAPID charter: who Recommends, Agrees, Performs, gives Input and Decides, per decision (DESIGN §1.4). */
import { rapidSchema } from '../schemas/kinds';
import type { CodeLens } from '../lang/api';
import { listItems, type Item } from '../model/items';
import { parties } from '../model/values';
import { itemSymbol, section } from './outline';
import { ownerSite, type KindSnippets, type KindSpec, type RefSite } from './spec';

/** The five roles, in the order of the acronym. */
export const RAPID_ROLE_KEYS = ['recommend', 'agree', 'perform', 'input', 'decide'] as const;

function lens(item: Item): { title: string; tooltip: string } {
  const v = item.value;
  const count = (role: string) => parties(v[role]).length;
  const d = parties(v.decide);
  const r = parties(v.recommend);
  const dText = d.length ? `D: ${d.join(' + ')}` : 'no D';
  const rText = r.length ? `R: ${r.join(', ')}` : 'no R';
  const title = [dText, rText, `A: ${count('agree')}`, `P: ${count('perform')}`, `I: ${count('input')}`].join(' · ');
  const tooltip =
    `Decision \`${item.id}\`: ${d.length === 1 ? `${d[0]} decides` : d.length ? `${d.length} parties hold the D — only one may` : 'nobody holds the D — name the one party who decides'}; ` +
    `${r.length ? `${r.join(', ')} recommend${r.length === 1 ? 's' : ''}` : 'nobody recommends'}; ${count('agree')} agree (a veto), ${count('perform')} perform, ${count('input')} give input.`;
  return { title, tooltip };
}

export const rapidCharter = {
  name: 'rapid-charter',
  suffix: 'rapid',
  label: 'RAPID decision charter',
  shortLabel: 'RAPID charter',
  description: 'Who Recommends, Agrees, Performs, gives Input and Decides, per decision',
  schema: rapidSchema,
  namespaces: [[['decisions']]],
  references: [ownerSite(), ...RAPID_ROLE_KEYS.map((role): RefSite => ({ at: ['decisions', '*', role], target: { scope: 'person' }, what: 'person or group' }))],
  skeleton: (id, _context) => `kind: rapid-charter\nid: ${id}\ntitle: Decision rights
decisions:
  - id: first-decision
    decision: What is to be decided
    recommend: recommender
    perform: performer
    input: [adviser]
    decide: decider
    status: proposed
`,
  learn(data) {
    // Each decision's `decide` as written (a list joined by commas): the index reads its parties
    // with the rosters (`model/parties.ts`) and counts those that name one party.
    const deciders: string[] = [];
    for (const item of listItems(data, ['decisions'])) {
      const d = parties(item.value.decide);
      if (d.length) deciders.push(d.join(', '));
    }
    return { deciders };
  },
  outline: (ctx) =>
    section(
      ctx,
      'decisions',
      'Decisions',
      listItems(ctx.data, ['decisions']).map((d) =>
        itemSymbol(
          ctx,
          d,
          'decision',
          undefined,
          undefined,
          RAPID_ROLE_KEYS.flatMap((role) =>
            d.value[role] === undefined || !parties(d.value[role]).length
              ? []
              : [{ name: `${role[0].toUpperCase()}: ${parties(d.value[role]).join(', ')}`, detail: role, kind: 'party' as const, range: ctx.range([...d.path, role], 'value'), selectionRange: ctx.range([...d.path, role], 'key'), children: [] }],
          ),
        ),
      ),
    ),
  lenses: (ctx): CodeLens[] => listItems(ctx.data, ['decisions']).map((item) => ({ range: ctx.range(item.path, 'item'), ...lens(item) })),
} as const satisfies KindSpec<'rapid-charter'>;

/** Its snippets: served by completion (`lang/snippets.ts`), and written into snippets/ for other editors by `npm run generate`. */
export const snippets = {
  document: {
    name: "RAPID charter",
    prefix: ["improvekit-rapid-charter", "ik-rapid"],
    description: "Improvekit: a whole RAPID decision charter",
    references: { 5: { at: ["decisions", "*", "recommend"] }, 6: { at: ["decisions", "*", "agree"] }, 7: { at: ["decisions", "*", "perform"] }, 8: { at: ["decisions", "*", "input"] }, 9: { at: ["decisions", "*", "decide"] } },
    body: [
      "kind: rapid-charter",
      "id: ${1:cabinet-2026}",
      "title: ${2:Cabinet decision rights}",
      "decisions:",
      "  - id: ${3:grading-policy}",
      "    decision: ${4:Adopt a standards-based grading policy for grades 6-12}",
      "    recommend: ${5:cao}",
      "    agree: [${6:union-president}]",
      "    perform: ${7:principals}",
      "    input: [${8:teacher-leaders}]",
      "    decide: ${9:supt}",
      "    due: ${10:2026-04-01}",
      "    status: ${11|proposed,open,decided,revisit|}",
      "$0",
    ],
  },
  items: [
  {
    name: "RAPID decision",
    prefix: ["ik-decision"],
    description: "Improvekit: a decision under decisions, with its R, A, P, I and one D",
    list: ["decisions"],
    references: { 3: { at: ["decisions", "*", "recommend"] }, 4: { at: ["decisions", "*", "agree"] }, 5: { at: ["decisions", "*", "perform"] }, 6: { at: ["decisions", "*", "input"] }, 7: { at: ["decisions", "*", "decide"] } },
    body: [
      "- id: ${1:new-decision}",
      "  decision: ${2:What is to be decided}",
      "  recommend: ${3:cao}",
      "  agree: [${4:union-president}]",
      "  perform: ${5:principals}",
      "  input: [${6:teacher-leaders}]",
      "  decide: ${7:supt}",
      "  due: ${8:2026-06-30}",
      "  status: ${9|proposed,open,decided,revisit|}",
    ],
  },
  ],
} satisfies KindSnippets;
