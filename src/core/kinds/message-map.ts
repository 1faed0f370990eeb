/** A message map: the few key messages for one audience in a change (DESIGN §1.6). */
import { messageSchema } from '../schemas/kinds';
import { looseItems, section } from './outline';
import { ownerSite, type KindSnippets, type KindSpec } from './spec';

export const messageMap = {
  name: 'message-map',
  suffix: 'message',
  label: 'Message map',
  shortLabel: 'Message map',
  description: 'Up to three key messages for one audience, with support points',
  schema: messageSchema,
  namespaces: [[['messages']]],
  references: [ownerSite()],
  skeleton: (id, _context) => `kind: message-map\nid: ${id}\naudience: families
question: What changes for my child?
messages:
  - text: One short key message.
    support: [A fact that backs it up]
`,
  outline: (ctx) => section(ctx, 'messages', 'Messages', looseItems(ctx, ['messages'], 'message', 'text')),
} as const satisfies KindSpec<'message-map'>;

/** Its snippets: served by completion (`lang/snippets.ts`), and written into snippets/ for other editors by `npm run generate`. */
export const snippets = {
  document: {
    name: "Message map",
    prefix: ["improvekit-message-map", "ik-message-map"],
    description: "Improvekit: a whole message map",
    body: [
      "kind: message-map",
      "id: ${1:new-assessments-parents}",
      "audience: ${2:parents}",
      "question: ${3:What changes for my child with the new state tests?}",
      "messages:",
      "  - text: ${4:Your child takes the new tests online in spring.}",
      "    support: [${5:Practice tests open in March}]",
      "$0",
    ],
  },
  items: [
  {
    name: "Key message",
    prefix: ["ik-key-message"],
    description: "Improvekit: a key message under messages",
    list: ["messages"],
    body: [
      "- text: ${1:One short sentence families can repeat.}",
      "  support: [${2:A fact that backs it up}]",
    ],
  },
  ],
} satisfies KindSnippets;
