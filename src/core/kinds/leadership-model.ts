/** A leadership model: who leads the development of which teachers, with what time and authority (DESIGN §1.5). */
import { leadershipSchema, ROLE_CATEGORIES } from '../schemas/kinds';
import type { CodeLens } from '../lang/api';
import { spans, type PositionSpan } from '../model/span';
import { listSection } from './outline';
import { ownerSite, type KindSnippets, type KindSpec } from './spec';

/** "span 7 of 8" or "span 12 of 10 — over". */
export function spanTitle(span: PositionSpan): string {
  return `span ${span.teachers} of ${span.max}${span.teachers > span.max ? ' — over' : ''}`;
}

export const leadershipModel = {
  name: 'leadership-model',
  suffix: 'leadership',
  label: 'Leadership model',
  shortLabel: 'Leadership model',
  description: 'Who leads the development of which teachers, with what time and authority',
  schema: leadershipSchema,
  namespaces: [[['roles']], [['positions']], [['teams']]],
  references: [
    ownerSite(),
    {
      at: ['positions', '*', 'role'],
      target: { scope: 'local', lists: ['roles'] },
      what: 'role',
      alsoAllowed: ROLE_CATEGORIES,
      hint: `write a role id from \`roles\` or a category (${ROLE_CATEGORIES.join(', ')})`,
    },
    { at: ['positions', '*', 'reports_to'], target: { scope: 'local', lists: ['positions'] }, what: 'position' },
    { at: ['teams', '*', 'led_by'], target: { scope: 'local', lists: ['positions'] }, what: 'position' },
  ],
  skeleton: (id, _context) => `kind: leadership-model\nid: ${id}\ntitle: Leadership model
school: { teachers: 8 }
defaults: { max_span: 10 }
roles:
  - id: principal
    title: Principal
    category: principal
    release_time: 100%
    evaluation: owns
    responsibilities: [goal-setting, observation-feedback, motivation, collaboration, evaluation]
positions:
  - { id: principal, role: principal }
teams:
  - { id: team-1, led_by: principal, teachers: 8 }
`,
  outline: (ctx) => [...listSection(ctx, 'roles', 'Roles', 'role'), ...listSection(ctx, 'positions', 'Positions', 'position'), ...listSection(ctx, 'teams', 'Teams', 'team')],
  lenses(ctx): CodeLens[] {
    const out: CodeLens[] = [];
    for (const span of spans(ctx.data, ctx.maxSpan).values()) {
      const teams = span.teams.map((t) => t.id ?? `team ${t.index + 1}`);
      out.push({
        range: ctx.range(['positions', span.index], 'item'),
        title: spanTitle(span),
        tooltip: `Position \`${span.id}\` leads ${span.teachers} teacher${span.teachers === 1 ? '' : 's'}${teams.length ? ` in ${teams.join(', ')}` : ''}; its limit is ${span.max}${span.source === 'role' ? ` (role \`${span.role}\`)` : span.source === 'defaults' ? ' (defaults.max_span)' : ''}.`,
      });
    }
    return out;
  },
} as const satisfies KindSpec<'leadership-model'>;

/** Its snippets: served by completion (`lang/snippets.ts`), and written into snippets/ for other editors by `npm run generate`. */
export const snippets = {
  document: {
    name: "Leadership model",
    prefix: ["improvekit-leadership-model", "ik-leadership"],
    description: "Improvekit: a whole leadership model (roles, positions, teams)",
    body: [
      "kind: leadership-model",
      "id: ${1:elementary-team-leads}",
      "title: ${2:Team Lead model, elementary}",
      "school: { teachers: ${3:14}, students: ${4:300} }",
      "defaults: { max_span: ${5:10} }",
      "roles:",
      "  - id: principal",
      "    title: Principal",
      "    category: principal",
      "    release_time: 100%",
      "    evaluation: owns",
      "    responsibilities: [goal-setting, observation-feedback, motivation, collaboration, evaluation]",
      "  - id: team-lead",
      "    title: Team Lead",
      "    category: teacher-leader",
      "    release_time: ${6:50%}",
      "    max_span: ${7:8}",
      "    evaluation: input",
      "    responsibilities: [goal-setting, observation-feedback, motivation, collaboration, evaluation]",
      "positions:",
      "  - { id: principal, role: principal }",
      "  - { id: tl-grade3, role: team-lead, reports_to: principal }",
      "teams:",
      "  - { id: grade-3, led_by: tl-grade3, teachers: ${8:7} }",
      "  - { id: team-leads, led_by: principal, teachers: ${9:7} }",
      "$0",
    ],
  },
  items: [
  {
    name: "Leadership role",
    prefix: ["ik-role"],
    description: "Improvekit: a role under roles",
    list: ["roles"],
    body: [
      "- id: ${1:coach}",
      "  title: ${2:Instructional coach}",
      "  category: ${3|teacher-leader,coach,principal,assistant-principal,other|}",
      "  release_time: ${4:100%}",
      "  max_span: ${5:8}",
      "  evaluation: ${6|input,owns,none|}",
      "  responsibilities: [goal-setting, observation-feedback, motivation, collaboration, evaluation]",
    ],
  },
  {
    name: "Leadership position",
    prefix: ["ik-position"],
    description: "Improvekit: a position under positions",
    list: ["positions"],
    references: { 2: { at: ["positions", "*", "role"] }, 3: { at: ["positions", "*", "reports_to"], none: "drop" } },
    body: [
      "- { id: ${1:tl-grade4}, role: ${2:team-lead}, reports_to: ${3:principal} }",
    ],
  },
  {
    name: "Leadership team",
    prefix: ["ik-team"],
    description: "Improvekit: a team under teams, led by a position",
    list: ["teams"],
    references: { 2: { at: ["teams", "*", "led_by"] } },
    body: [
      "- { id: ${1:grade-4}, led_by: ${2:tl-grade3}, teachers: ${3:0} }",
    ],
  },
  ],
} satisfies KindSnippets;
