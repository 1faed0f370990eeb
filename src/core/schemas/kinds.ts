import * as z from 'zod';

/**
 * One zod schema per kind (DESIGN §1), each held by its kind's spec (src/core/kinds). The JSON Schemas in `schemas/` are generated from these
 * (`npm run schemas`). Schemas say what is well-formed; what is unsound by the method
 * (a missing decider, an unmeasurable aim) is the rules' business, so those keys are optional here.
 */

/**
 * What a value should be, in words for people new to YAML; read by the schema messages.
 * Keyed by the schema's definition, which `.describe()` clones keep.
 */
const EXPECTED_WORDS = new WeakMap<object, string>();
function expect<T extends z.ZodType>(schema: T, words: string): T {
  EXPECTED_WORDS.set(schema._zod.def, words);
  return schema;
}
export function expectedWords(schema: z.ZodType): string | undefined {
  return EXPECTED_WORDS.get(schema._zod.def);
}

export const SLUG = /^[a-z0-9][a-z0-9._-]*$/;

const slug = expect(z.string().regex(SLUG), 'a slug: lowercase letters, digits, `.`, `_` or `-`, starting with a letter or digit (such as `k3-reading`)');
/** Item ids are referenced by other items; any non-empty text works, slugs read best. */
const itemId = expect(z.string().min(1), 'a short id, such as `c-huddles`');
const text = expect(z.union([z.string(), z.number()]), 'text');
/** Whether `YYYY-MM-DD` names a day of the calendar (no 30 February, 29 February only in leap years). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

const date = expect(
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { abort: true })
    .refine(isCalendarDate, { message: 'is not a day of the calendar: check the month and the day' }),
  'a date written YYYY-MM-DD, such as 2026-03-02',
);
const count = expect(z.number().int().min(0), 'a whole number of 0 or more');
const share = expect(
  z.union([z.number().min(0).max(1), z.string().regex(/^\s*(100|\d{1,2})(\.\d+)?\s*%\s*$/)]),
  'a share of time: a number from 0 to 1, or a percentage such as 50%',
);
const party = expect(z.string().min(1), 'a person or group (a roster id, or a name)');
const parties = expect(z.union([party, z.array(party)]), 'one person or group, or a list of them');
const idList = expect(z.union([itemId, z.array(itemId)]), 'an id, or a list of ids such as [s-release, s-coaching]');
const reference = expect(z.string().min(1), 'a reference: an id, or `<document id>#<item id>`');

const common = {
  $schema: z.string().optional().describe('The JSON Schema of this file, for YAML editors (`# yaml-language-server: $schema=…` or this key); Improvekit ignores it.'),
  id: slug.describe('Document id, unique in the workspace; other documents refer to it as `<id>#<item>`.'),
  title: text.optional().describe('A human title.'),
  owner: text.nullish().describe('Who keeps this document.'),
  tags: z.array(text).nullish().describe('Free labels.'),
  updated: date.nullish().describe('When the document was last reviewed.'),
};

function kindLiteral<K extends string>(kind: K) {
  return expect(z.literal(kind), `\`${kind}\``).optional().describe(`Always \`${kind}\`. Optional when the file name (\`*.${kind.split('-')[0]}.yaml\`) or a fenced block says it.`);
}

// ---- roster ----
const person = z.strictObject({
  id: itemId.describe('Id used in charters and plans.'),
  name: text.optional().describe('Full name.'),
  role: text.nullish().describe('Job title.'),
  email: text.nullish(),
});
export const rosterSchema = z
  .strictObject({
    kind: kindLiteral('roster'),
    ...common,
    people: z.array(person).nullish().describe('People who can hold decision roles and tasks.'),
    groups: z
      .array(z.strictObject({ id: itemId, name: text.optional(), members: z.array(text).nullish() }))
      .nullish()
      .describe('Groups (all principals, the board) that hold roles together.'),
  })
  .describe('A roster: the people and groups that charters and plans refer to by id.');

// ---- driver diagram ----
export const CHANGE_STATUS = ['idea', 'testing', 'implementing', 'spreading', 'abandoned'] as const;
export const MEASURE_TYPES = ['outcome', 'process', 'balancing'] as const;
const driver = z.strictObject({
  id: itemId,
  title: text.describe('What drives the aim.'),
  description: text.nullish(),
  supports: idList.nullish().describe('The primary drivers this secondary driver supports.'),
  owner: text.nullish(),
});
export const driverSchema = z
  .strictObject({
    kind: kindLiteral('driver-diagram'),
    ...common,
    aim: z
      .strictObject({
        statement: text.describe('What we want to improve, for whom.'),
        measure: reference.nullish().describe('The outcome measure (an id under `measures`) that tells whether the aim is met.'),
        baseline: text.nullish().describe('Where the measure stands now, e.g. 42%.'),
        target: text.nullish().describe('How much, e.g. 70%.'),
        by: date.nullish().describe('By when (YYYY-MM-DD).'),
        population: text.nullish().describe('Who: the students, classrooms or schools.'),
      })
      .describe('The aim: how much, by when, for whom — measurable.'),
    primary_drivers: z.array(driver.omit({ supports: true })).nullish().describe('The few big levers on the aim (IHI advises 2 to 5).'),
    secondary_drivers: z.array(driver).nullish().describe('Levers on the primary drivers; each `supports` primary drivers.'),
    change_ideas: z
      .array(
        z.strictObject({
          id: itemId,
          title: text.describe('The change to test.'),
          description: text.nullish(),
          supports: idList.nullish().describe('The secondary (or primary) drivers this change acts on.'),
          measures: idList.nullish().describe('Process or balancing measures that tell whether the change happens.'),
          status: expect(z.enum(CHANGE_STATUS), `one of ${CHANGE_STATUS.join(', ')}`).nullish().describe('Where the idea stands: idea, testing (in PDSA cycles), implementing, spreading, abandoned.'),
          owner: text.nullish(),
        }),
      )
      .nullish()
      .describe('Changes to test in PDSA cycles.'),
    measures: z
      .array(
        z.strictObject({
          id: itemId,
          name: text.describe('What is measured.'),
          type: expect(z.enum(MEASURE_TYPES), `one of ${MEASURE_TYPES.join(', ')}`).nullish().describe('outcome (the aim), process (the change happens) or balancing (nothing else gets worse).'),
          definition: text.nullish(),
          unit: text.nullish(),
          frequency: text.nullish(),
        }),
      )
      .nullish()
      .describe('How we will know that a change is an improvement.'),
  })
  .describe('A driver diagram: the aim, what drives it, the changes to test, and how we will know.');

// ---- data series (PDSA cycles and measures) ----
/** Whether the path may be read (relative, a `.csv`) is `measure/data-unreadable`'s to say. */
const dataFile = expect(z.string().min(1), 'a CSV file path relative to this file, such as `data/huddles.csv`');
const columnName = expect(z.string().min(1), 'the name of a column of the header row');
const number = expect(z.number(), 'a number');

// ---- PDSA cycle ----
export const PDSA_STATUS = ['planning', 'doing', 'studying', 'done', 'abandoned'] as const;
export const ACT_DECISIONS = ['adopt', 'adapt', 'abandon'] as const;
export const PREDICTION_MET = ['yes', 'no', 'partly'] as const;
export const pdsaSchema = z
  .strictObject({
    kind: kindLiteral('pdsa-cycle'),
    ...common,
    change_idea: reference.describe('The change idea under test: `<driver diagram id>#<change idea id>`.'),
    cycle: expect(z.number().int().min(1), 'a cycle number: 1, 2, 3…').nullish().describe('Its number in the ramp of cycles.'),
    previous: expect(z.string().min(1), 'the id of the previous PDSA cycle').nullish().describe('The cycle this one builds on (null for the first).'),
    status: expect(z.enum(PDSA_STATUS), `one of ${PDSA_STATUS.join(', ')}`).nullish().describe('planning, doing, studying, done or abandoned.'),
    plan: z
      .strictObject({
        objective: text.nullish().describe('What this cycle is to learn.'),
        questions: z
          .array(
            z.strictObject({
              id: itemId.optional(),
              question: text.describe('A question the test answers.'),
              prediction: text.nullish().describe('What you expect to happen: learning comes from the gap between prediction and result.'),
            }),
          )
          .nullish(),
        tasks: z
          .array(z.strictObject({ task: text, who: text.nullish(), when: date.nullish(), done: z.boolean().nullish() }))
          .nullish()
          .describe('Who does what by when to run the test.'),
        start: date.nullish(),
        end: date.nullish(),
        scale: text.nullish().describe('How small: one teacher, one grade team, one week.'),
        data_collection: text.nullish().describe('How the data will be collected.'),
      })
      .nullish()
      .describe('Plan: objective, questions with predictions, tasks, scale and data collection.'),
    do: z
      .strictObject({ observations: text.nullish(), problems: text.nullish(), started: date.nullish(), ended: date.nullish() })
      .nullish()
      .describe('Do: what happened, what surprised you.'),
    study: z
      .strictObject({
        results: z
          .array(
            z.strictObject({
              question: itemId.describe('The id of the plan question.'),
              result: text.nullish().describe('What happened.'),
              prediction_met: expect(z.union([z.enum(PREDICTION_MET), z.boolean()]), `one of ${PREDICTION_MET.join(', ')}`).nullish(),
            }),
          )
          .nullish(),
        learning: text.nullish().describe('What you learned from the gap between predictions and results.'),
      })
      .nullish()
      .describe('Study: each prediction beside its result, and the learning.'),
    act: z
      .strictObject({
        decision: expect(z.enum(ACT_DECISIONS), `one of ${ACT_DECISIONS.join(', ')}`).nullish().describe('adopt, adapt or abandon the change.'),
        next_steps: text.nullish(),
      })
      .nullish()
      .describe('Act: the decision and next steps.'),
    data: z
      .strictObject({
        measure: reference.nullish().describe('The measure charted: `<driver diagram id>#<measure id>`.'),
        points: z.array(z.strictObject({ date: date, value: expect(z.number(), 'a number'), note: text.nullish() })).nullish().describe('The points, in date order; or name a CSV file with `file`.'),
        file: dataFile.nullish().describe('A CSV file with a header row, relative to this file, instead of `points`.'),
        date: columnName.nullish().describe('The column of dates (YYYY-MM-DD) in `file`; default `date`.'),
        value: columnName.nullish().describe('The column of values in `file`; default `value`.'),
      })
      .nullish()
      .describe('A data series for a run chart: inline `points`, or a CSV `file` with its `date` and `value` columns.'),
  })
  .describe('A PDSA cycle: one small test of one change idea.');

// ---- measure ----
export const CHART_TYPES = ['run', 'xmr', 'p', 'u', 'c'] as const;
export const BETTER = ['up', 'down'] as const;
const measurePoint = z.strictObject({
  date: date,
  value: number.describe('The value; for p and u charts the numerator (the count of events).'),
  n: expect(z.number().min(0), 'a number of 0 or more').nullish().describe('p and u charts: the denominator (cases, students, hours).'),
  group: text.nullish().describe('The group the point belongs to (one chart per group).'),
  note: text.nullish(),
});
export const measureSchema = z
  .strictObject({
    kind: kindLiteral('measure'),
    ...common,
    measure: reference.nullish().describe('The driver-diagram measure this gives data for: `<driver diagram id>#<measure id>`.'),
    type: expect(z.enum(MEASURE_TYPES), `one of ${MEASURE_TYPES.join(', ')}`).nullish().describe('outcome, process or balancing (else the type of the driver-diagram measure).'),
    definition: text.nullish().describe('How the measure is taken, precisely enough that two people would get the same number.'),
    unit: text.nullish().describe('The unit of the values (minutes, students, %).'),
    better: expect(z.enum(BETTER), `one of ${BETTER.join(', ')}`).nullish().describe('The direction of improvement: up or down.'),
    target: expect(z.union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*%\s*$/)]), 'a number, or a percentage such as 70%')
      .nullish()
      .describe('The goal: a number (for p charts a share 0..1, or "N%").'),
    chart: expect(z.enum(CHART_TYPES), `one of ${CHART_TYPES.join(', ')}`).nullish().describe('run (median), xmr (individuals), p (proportions), u (rates) or c (counts); default run.'),
    data: z
      .strictObject({
        file: dataFile.nullish().describe('A CSV file with a header row, relative to this file; or give `points`.'),
        date: columnName.nullish().describe('The column of dates (YYYY-MM-DD); default `date`.'),
        value: columnName.nullish().describe('The column of values (p and u: the numerator); default `value`.'),
        n: columnName.nullish().describe('p and u charts: the column of the denominator; default `n`.'),
        group: columnName.nullish().describe('A column whose values each get a chart of their own, with its own limits and signals (a school).'),
        points: z.array(measurePoint).nullish().describe('Inline points `{ date, value }` (with `n` for p and u charts), instead of a file.'),
      })
      .nullish()
      .describe('The data: a CSV `file` and its column names, or inline `points`.'),
    phases: z
      .array(
        z.strictObject({
          start: date.describe('The first day of the phase; it runs to the next phase\'s start.'),
          label: text.nullish(),
          freeze: expect(z.number().int().min(1), 'a whole number of 1 or more').nullish().describe('Compute the centre line and limits from the phase\'s first N points only (a baseline).'),
          reason: text.nullish().describe('The change that made a new phase: limits are recalculated only for a known change.'),
        }),
      )
      .nullish()
      .describe('Phases, each with its own centre line and limits.'),
    annotations: z
      .array(z.strictObject({ date: date, text: text.describe('What happened that day.') }))
      .nullish()
      .describe('Notes drawn on the chart at their dates.'),
  })
  .describe('A measure over time: its definition, its data and the chart that tells whether a change is an improvement.');

// ---- RAPID charter ----
export const RAPID_STATUS = ['proposed', 'open', 'decided', 'revisit'] as const;
export const RAPID_ROLES = {
  recommend: 'Recommend: recommends a decision or action.',
  agree: 'Agree: formally agrees to a recommendation; must be consulted and should not be ignored (a veto).',
  perform: 'Perform: accountable for performing the decision once made.',
  input: 'Input: provides input into a recommendation; must be consulted, but may be ignored.',
  decide: 'Decide: makes the final decision and commits the organisation to action. Exactly one party.',
} as const;
export const rapidSchema = z
  .strictObject({
    kind: kindLiteral('rapid-charter'),
    ...common,
    decisions: z
      .array(
        z.strictObject({
          id: itemId,
          decision: text.describe('What is to be decided.'),
          recommend: parties.nullish().describe(RAPID_ROLES.recommend),
          agree: parties.nullish().describe(RAPID_ROLES.agree),
          perform: parties.nullish().describe(RAPID_ROLES.perform),
          input: parties.nullish().describe(RAPID_ROLES.input),
          decide: parties.nullish().describe(RAPID_ROLES.decide),
          due: date.nullish(),
          status: expect(z.enum(RAPID_STATUS), `one of ${RAPID_STATUS.join(', ')}`).nullish(),
          outcome: text.nullish().describe('What was decided (when status is decided).'),
          notes: text.nullish(),
        }),
      )
      .describe('The decisions, each with its RAPID roles.'),
  })
  .describe('A RAPID charter: who recommends, agrees, performs, gives input and decides.');

// ---- leadership model ----
export const ROLE_CATEGORIES = ['principal', 'assistant-principal', 'teacher-leader', 'coach', 'other'] as const;
export const EVALUATION = ['owns', 'input', 'none'] as const;
export const RESPONSIBILITIES = ['goal-setting', 'observation-feedback', 'motivation', 'collaboration', 'evaluation'] as const;
export const leadershipSchema = z
  .strictObject({
    kind: kindLiteral('leadership-model'),
    ...common,
    school: z
      .strictObject({ name: text.nullish(), teachers: count.nullish().describe('Teachers in the school.'), students: count.nullish() })
      .nullish(),
    defaults: z.strictObject({ max_span: count.nullish().describe('Most teachers one leader develops, unless a role says otherwise.') }).nullish(),
    roles: z
      .array(
        z.strictObject({
          id: itemId,
          title: text.nullish(),
          category: expect(z.enum(ROLE_CATEGORIES), `one of ${ROLE_CATEGORIES.join(', ')}`).nullish(),
          release_time: share.nullish().describe('Share of time free of classroom duty: 0..1 or "N%".'),
          max_span: count.nullish().describe('Most teachers one holder of this role develops.'),
          evaluation: expect(z.enum(EVALUATION), `one of ${EVALUATION.join(', ')}`).nullish().describe('Evaluation authority: owns, input or none.'),
          responsibilities: z
            .array(expect(z.enum(RESPONSIBILITIES), `one of ${RESPONSIBILITIES.join(', ')}`))
            .nullish()
            .describe('Of the five end-to-end responsibilities: goal-setting, observation-feedback, motivation, collaboration, evaluation.'),
        }),
      )
      .nullish(),
    positions: z
      .array(
        z.strictObject({
          id: itemId,
          role: itemId.describe('A role id from `roles`, or a category (principal, assistant-principal, teacher-leader, coach, other).'),
          reports_to: itemId.nullish().describe('The position this one reports to.'),
          name: text.nullish().describe('Who holds it.'),
        }),
      )
      .nullish(),
    teams: z
      .array(
        z.strictObject({
          id: itemId,
          led_by: itemId.describe('The position that develops these teachers.'),
          teachers: expect(z.union([count, z.array(text)]), 'a number of teachers, or a list of their names').describe('A count, or a list of names.'),
          name: text.nullish(),
        }),
      )
      .nullish(),
  })
  .describe('A leadership model: who leads the development of which teachers, with what time and authority.');

// ---- message map ----
export const messageSchema = z
  .strictObject({
    kind: kindLiteral('message-map'),
    ...common,
    audience: text.nullish().describe('Who the messages are for.'),
    question: text.nullish().describe('The question the audience is asking.'),
    messages: z
      .array(
        z.strictObject({
          id: itemId.optional(),
          text: text.describe('The key message, as said aloud.'),
          support: z.array(text).nullish().describe('Facts and proof points behind it.'),
        }),
      )
      .describe('Key messages: at most 3, 27 words in all (about 9 seconds).'),
  })
  .describe('A message map: key messages for one audience.');

/** Inferred document types, for renderers and adapters (rules read leniently; see rules/shape). */
export type Roster = z.infer<typeof rosterSchema>;
export type DriverDiagram = z.infer<typeof driverSchema>;
export type PdsaCycle = z.infer<typeof pdsaSchema>;
export type RapidCharter = z.infer<typeof rapidSchema>;
export type LeadershipModel = z.infer<typeof leadershipSchema>;
export type MessageMap = z.infer<typeof messageSchema>;
export type Measure = z.infer<typeof measureSchema>;
