/**
 * Generates a realistic, sound improvement-network workspace of N files: for every ten files a
 * driver diagram, a ramp of five PDSA cycles testing its change ideas, a RAPID charter, a
 * leadership model, a message map and a workshop note in Markdown; one roster for the network.
 * References cross files as real ones do (`k3-reading-7#c-huddles-2`, roster ids in charters).
 */
export interface GeneratedFile {
  name: string;
  text: string;
}

const PEOPLE = 200;
/** Recommenders, agreers, performers and inputs come from one half of the roster… */
const person = (i: number) => `p-${i % PEOPLE}`;
/**
 * …deciders from the other, dealt round so that no one holds the D in more than 10 decisions:
 * the roster grows with the workspace (each unit of ten files holds nine decisions).
 */
let nextDecider = 0;
let deciders = PEOPLE;
const decider = () => `p-${PEOPLE + (nextDecider++ % deciders)}`;

function driver(n: number, primaries = 3, secondariesPer = 2, ideasPer = 2): string {
  const id = `reading-${n}`;
  const lines = [
    'kind: driver-diagram',
    `id: ${id}`,
    `title: Grade 3 reading, network school ${n}`,
    'aim:',
    '  statement: Raise the share of grade 3 students reading at grade level',
    '  measure: m-reading',
    '  baseline: 42%',
    '  target: 70%',
    '  by: 2027-06-30',
    '  population: grade 3 students in 12 elementary schools',
    'primary_drivers:',
  ];
  for (let p = 0; p < primaries; p++) lines.push(`  - { id: p-${p}, title: Primary driver ${p} of weekly coaching and feedback }`);
  lines.push('secondary_drivers:');
  for (let p = 0; p < primaries; p++) for (let s = 0; s < secondariesPer; s++) lines.push(`  - { id: s-${p}-${s}, title: Team leads have time to coach ${p}.${s}, supports: [p-${p}] }`);
  lines.push('change_ideas:');
  for (let p = 0; p < primaries; p++)
    for (let s = 0; s < secondariesPer; s++)
      for (let c = 0; c < ideasPer; c++) {
        lines.push(
          `  - id: c-${p}-${s}-${c}`,
          `    title: Twice-weekly data huddles per grade team, variant ${c}`,
          `    supports: [s-${p}-${s}]`,
          '    measures: [m-huddles]',
          `    status: ${p === 0 && s === 0 && c === 0 ? 'testing' : 'idea'}`,
        );
      }
  lines.push(
    'measures:',
    '  - { id: m-reading, name: Reading at grade level, type: outcome }',
    '  - { id: m-huddles, name: Huddles held per week, type: process }',
    '  - { id: m-load, name: Team lead hours per week, type: balancing }',
  );
  return `${lines.join('\n')}\n`;
}

function pdsa(n: number, k: number, points = 0): string {
  const id = `huddles-${n}-c${k + 1}`;
  const lines = [
    'kind: pdsa-cycle',
    `id: ${id}`,
    `change_idea: reading-${n}#c-0-0-0`,
    `cycle: ${k + 1}`,
    `previous: ${k === 0 ? 'null' : `huddles-${n}-c${k}`}`,
    'status: done',
    'plan:',
    '  objective: Learn whether one grade team will use a 20-minute data huddle',
    '  questions:',
    '    - { id: q1, question: Will teachers bring student work?, prediction: 5 of 7 will }',
    '    - { id: q2, question: Will the huddle end on time?, prediction: It will in 3 of 4 huddles }',
    '  tasks:',
    `    - { task: Print tally sheet, who: ${person(n + k)}, when: 2026-01-05 }`,
    '  start: 2026-01-06',
    '  end: 2026-01-20',
    '  scale: one grade team (7 teachers)',
    '  data_collection: tally at each huddle',
    'do:',
    '  observations: Two huddles ran long; teachers asked for a template.',
    'study:',
    '  results:',
    '    - { question: q1, result: 6 of 7 brought work, prediction_met: yes }',
    '    - { question: q2, result: 2 of 4 ended on time, prediction_met: partly }',
    '  learning: A template keeps the huddle to 20 minutes.',
    'act:',
    '  decision: adapt',
    '  next_steps: Add the template; test with two teams.',
  ];
  if (points) {
    lines.push('data:', `  measure: reading-${n}#m-huddles`, '  points:');
    for (let i = 0; i < points; i++) {
      // An alternating, trendless series: no signal fires.
      const value = [2, 3, 2, 4, 3, 2, 3, 4, 2, 3][i % 10];
      lines.push(`    - { date: 2026-0${1 + Math.floor(i / 28)}-${String((i % 28) + 1).padStart(2, '0')}, value: ${value} }`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function rapid(n: number, decisions = 8): string {
  const lines = ['kind: rapid-charter', `id: cabinet-${n}`, `title: Cabinet decision rights ${n}`, 'decisions:'];
  for (let d = 0; d < decisions; d++) {
    lines.push(
      `  - id: decision-${d}`,
      `    decision: Adopt a standards-based grading policy for grades 6-12, part ${d}`,
      `    recommend: ${person(n * 7 + d + 1)}`,
      `    agree: [${person(n * 7 + d + 2)}]`,
      `    perform: ${person(n * 7 + d + 3)}`,
      `    input: [${person(n * 7 + d + 4)}, ${person(n * 7 + d + 5)}]`,
      `    decide: ${decider()}`,
      '    due: 2026-04-01',
      '    status: decided',
      '    outcome: Adopted for the next school year',
    );
  }
  return `${lines.join('\n')}\n`;
}

function leadership(n: number, teams = 6): string {
  const lines = [
    'kind: leadership-model',
    `id: team-leads-${n}`,
    `title: Team Lead model, school ${n}`,
    `school: { teachers: ${teams * 7}, students: ${teams * 7 * 20} }`,
    'defaults: { max_span: 10 }',
    'roles:',
    '  - id: team-lead',
    '    title: Team Lead',
    '    category: teacher-leader',
    '    release_time: 50%',
    '    max_span: 8',
    '    evaluation: input',
    '    responsibilities: [goal-setting, observation-feedback, motivation, collaboration, evaluation]',
    'positions:',
    '  - { id: principal, role: principal }',
    '  - { id: ap-1, role: assistant-principal, reports_to: principal }',
  ];
  for (let t = 0; t < teams; t++) lines.push(`  - { id: tl-${t}, role: team-lead, reports_to: ap-1 }`);
  lines.push('teams:');
  for (let t = 0; t < teams; t++) lines.push(`  - { id: grade-${t}, led_by: tl-${t}, teachers: 7 }`);
  return `${lines.join('\n')}\n`;
}

function message(n: number): string {
  return [
    'kind: message-map',
    `id: new-assessments-parents-${n}`,
    'audience: parents',
    'question: What changes for my child with the new state tests?',
    'messages:',
    '  - text: Your child will take the new tests online in spring.',
    '    support: [Practice tests open in March, Schools have the computers ready]',
    '  - text: Scores may dip at first; that is expected.',
    '    support: [Other states saw the same in year one]',
    '',
  ].join('\n');
}

function note(n: number): string {
  return [
    `# Workshop note ${n}`,
    '',
    'The cabinet agreed who holds the D for the pilot.',
    '',
    '```rapid-charter',
    `id: workshop-${n}`,
    'decisions:',
    `  - { id: pilot, decision: Pilot the Team Lead role in two schools, recommend: ${person(n + 1)}, perform: ${person(n + 2)}, decide: ${decider()}, status: open }`,
    '```',
    '',
    '```message-map',
    `id: workshop-message-${n}`,
    'messages:',
    '  - text: Team Leads will coach every teacher every week.',
    '```',
    '',
  ].join('\n');
}

function roster(): string {
  const lines = ['kind: roster', 'id: network', 'people:'];
  for (let i = 0; i < PEOPLE + deciders; i++) lines.push(`  - { id: p-${i}, name: Person ${i} }`);
  return `${lines.join('\n')}\n`;
}

/** `count` files: a roster, then units of ten files. */
export function generateWorkspace(count: number): GeneratedFile[] {
  nextDecider = 0;
  deciders = Math.max(PEOPLE, Math.ceil((Math.ceil(count / 10) * 9) / 8));
  const files: GeneratedFile[] = [{ name: 'network.roster.yaml', text: roster() }];
  for (let n = 0; files.length < count; n++) {
    const unit: GeneratedFile[] = [
      { name: `reading-${n}.driver.yaml`, text: driver(n) },
      ...[0, 1, 2, 3, 4].map((k) => ({ name: `huddles-${n}-c${k + 1}.pdsa.yaml`, text: pdsa(n, k, k === 4 ? 12 : 0) })),
      { name: `cabinet-${n}.rapid.yaml`, text: rapid(n) },
      { name: `team-leads-${n}.leadership.yaml`, text: leadership(n) },
      { name: `parents-${n}.message.yaml`, text: message(n) },
      { name: `workshop-${n}.md`, text: note(n) },
    ];
    for (const f of unit) if (files.length < count) files.push({ name: `unit-${Math.floor(n / 50)}/${f.name}`, text: f.text });
  }
  return files;
}

/** Single documents of three sizes, for the per-document budget. */
export function sampleDocuments(): Record<'small' | 'typical' | 'large', GeneratedFile> {
  return {
    small: { name: 'parents.message.yaml', text: message(1) },
    typical: { name: 'reading.driver.yaml', text: driver(1) },
    large: { name: 'cabinet.rapid.yaml', text: rapid(1, 400) },
  };
}

/** A driver diagram of about `nodes` nodes, for the render budget. */
export function largeDriver(nodes: number): string {
  // 5 primaries × 10 secondaries × 10 ideas ≈ 555 nodes.
  const primaries = 5;
  const secondariesPer = Math.max(1, Math.round(Math.sqrt(nodes / primaries)));
  const ideasPer = Math.max(1, Math.round((nodes - primaries) / (primaries * secondariesPer)) - 1);
  return driver(0, primaries, secondariesPer, ideasPer);
}

export function largeCharter(decisions: number): string {
  return rapid(0, decisions);
}
