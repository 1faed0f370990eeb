/** A roster: the people and groups that charters and plans name by id (DESIGN §1.1). */
import { rosterSchema } from '../schemas/kinds';
import { items, text } from '../model/values';
import { plainKey } from '../model/parties';
import { listSection } from './outline';
import { ownerSite, type KindSnippets, type KindSpec } from './spec';

export const roster = {
  name: 'roster',
  suffix: 'roster',
  label: 'Roster',
  shortLabel: 'Roster',
  description: 'The people and groups that charters and plans name by id',
  schema: rosterSchema,
  namespaces: [[['people'], ['groups']]],
  references: [ownerSite()],
  skeleton: (id, _context) => `kind: roster\nid: ${id}\ntitle: People and groups
people:
  - { id: lead, name: Team lead, role: Team lead }
groups:
  - { id: team, name: The team }
`,
  learn(data) {
    const people: string[] = [];
    for (const listName of ['people', 'groups']) {
      for (const { item } of items(data[listName])) {
        const id = text(item.id);
        const name = text(item.name);
        if (id) people.push(plainKey(id));
        if (name) people.push(plainKey(name));
      }
    }
    return { people };
  },
  outline: (ctx) => [...listSection(ctx, 'people', 'People', 'person'), ...listSection(ctx, 'groups', 'Groups', 'group')],
} as const satisfies KindSpec<'roster'>;

/** Its snippets: served by completion (`lang/snippets.ts`), and written into snippets/ for other editors by `npm run generate`. */
export const snippets = {
  document: {
    name: "Roster",
    prefix: ["improvekit-roster", "ik-roster"],
    description: "Improvekit: a whole roster of people and groups",
    body: [
      "kind: roster",
      "id: ${1:district-cabinet}",
      "people:",
      "  - { id: ${2:supt}, name: ${3:Superintendent}, role: ${4:Superintendent} }",
      "groups:",
      "  - { id: ${5:principals}, name: ${6:All principals} }",
      "$0",
    ],
  },
  items: [
  {
    name: "Roster person",
    prefix: ["ik-person"],
    description: "Improvekit: a person under people",
    list: ["people"],
    body: [
      "- { id: ${1:new-person}, name: ${2:Full name}, role: ${3:Role} }",
    ],
  },
  {
    name: "Roster group",
    prefix: ["ik-group"],
    description: "Improvekit: a group under groups",
    list: ["groups"],
    body: [
      "- { id: ${1:new-group}, name: ${2:Who is in it} }",
    ],
  },
  ],
} satisfies KindSnippets;
