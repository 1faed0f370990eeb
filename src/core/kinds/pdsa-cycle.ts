/** A PDSA cycle: one small test of one change idea; cycles chain into ramps (DESIGN §1.3). */
import { pdsaSchema } from '../schemas/kinds';
import { obj, text } from '../model/values';
import { looseItems } from './outline';
import { ownerSite, type KindSnippets, type KindSpec, type LinkName } from './spec';

export const pdsaCycle = {
  name: 'pdsa-cycle',
  suffix: 'pdsa',
  label: 'PDSA cycle',
  shortLabel: 'PDSA cycle',
  description: 'One small test of one change idea: plan with predictions, do, study, act',
  schema: pdsaSchema,
  namespaces: [[['plan', 'questions']]],
  references: [
    ownerSite(),
    { at: ['change_idea'], target: { scope: 'driver', list: 'change_ideas' }, what: 'change idea' },
    { at: ['data', 'measure'], target: { scope: 'driver', list: 'measures' }, what: 'measure' },
    { at: ['previous'], target: { scope: 'document', kind: 'pdsa-cycle' }, what: 'PDSA cycle' },
    { at: ['study', 'results', '*', 'question'], target: { scope: 'local', lists: ['questions'] }, what: 'plan question', once: true },
    { at: ['plan', 'tasks', '*', 'who'], target: { scope: 'person' }, what: 'person or group' },
  ],
  skeleton: (id, context) => `kind: pdsa-cycle\nid: ${id}\ntitle: First test of a change idea
change_idea: ${context.changeIdea ?? 'driver-diagram-id#change-idea-id'}
cycle: 1
status: planning
plan:
  objective: Learn whether …
  questions:
    - { id: q1, question: What will happen when we try it?, prediction: What we expect }
  tasks:
    - { task: Prepare the test, who: lead }
  scale: one team
  data_collection: how we will collect the data
`,
  learn(data, context) {
    const links: Array<[LinkName, string]> = [];
    const ref = text(data.change_idea);
    if (ref) links.push(['cycle-tests', ref.includes('#') ? ref : `#${ref}`]);
    const previous = text(data.previous);
    if (previous) links.push(['cycle-after', previous]);
    // A data series: the CSV file it reads (re-checked when that file changes), and the measure it charts.
    const series = obj(data.data);
    const file = text(series?.file);
    const uri = file ? context.resolveData(file) : undefined;
    if (uri) links.push(['reads-data', uri]);
    const measure = text(series?.measure);
    if (measure) links.push(['data-for-measure', measure.includes('#') ? measure : `#${measure}`]);
    return { links };
  },
  outline(ctx) {
    const questions = looseItems(ctx, ['plan', 'questions'], 'question', 'question');
    if (!questions.length) return [];
    const key = ctx.range(['plan', 'questions'], 'key');
    return [{ name: 'Plan questions', kind: 'section', range: { start: key.start, end: ctx.range(['plan', 'questions'], 'value').end }, selectionRange: key, children: questions }];
  },
} as const satisfies KindSpec<'pdsa-cycle'>;

/** Its snippets: served by completion (`lang/snippets.ts`), and written into snippets/ for other editors by `npm run generate`. */
export const snippets = {
  document: {
    name: "PDSA cycle",
    prefix: ["improvekit-pdsa-cycle", "ik-pdsa"],
    description: "Improvekit: a whole PDSA cycle (plan with a prediction)",
    references: { 2: { at: ["change_idea"] }, 9: { at: ["plan", "tasks", "*", "who"] } },
    body: [
      "kind: pdsa-cycle",
      "id: ${1:huddles-c1}",
      "change_idea: ${2:k3-reading#c-first}",
      "cycle: ${3:1}",
      "status: ${4|planning,doing,studying,done,abandoned|}",
      "plan:",
      "  objective: ${5:Learn whether one grade team will use a 20-minute data huddle}",
      "  questions:",
      "    - { id: q1, question: ${6:Will teachers bring student work?}, prediction: ${7:5 of 7 will} }",
      "  tasks:",
      "    - { task: ${8:Print the tally sheet}, who: ${9:ana}, when: ${10:2026-03-01} }",
      "  start: ${11:2026-03-02}",
      "  end: ${12:2026-03-13}",
      "  scale: ${13:one grade team (7 teachers)}",
      "  data_collection: ${14:tally at each huddle}",
      "$0",
    ],
  },
  items: [
  {
    name: "PDSA question",
    prefix: ["ik-question"],
    description: "Improvekit: a plan question with its prediction, under plan.questions",
    list: ["plan", "questions"],
    body: [
      "- { id: ${1:q2}, question: ${2:What do we want to learn?}, prediction: ${3:What we expect to happen} }",
    ],
  },
  {
    name: "PDSA study result",
    prefix: ["ik-result"],
    description: "Improvekit: a study result for a plan question, under study.results",
    list: ["study", "results"],
    references: { 1: { at: ["study", "results", "*", "question"] } },
    body: [
      "- { question: ${1:q1}, result: ${2:What happened}, prediction_met: ${3|yes,no,partly|} }",
    ],
  },
  ],
} satisfies KindSnippets;
