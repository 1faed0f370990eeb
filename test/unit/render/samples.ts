/** Small documents of every kind, with every field the renderers show, for the render tests. */

export const DRIVER = `kind: driver-diagram
id: k3
title: Grade 3 reading
owner: supt
tags: [literacy, priority]
updated: 2026-03-02
aim:
  statement: Raise the share of grade 3 students reading at grade level
  measure: m-reading
  baseline: 42%
  target: 70%
  by: 2027-06-30
  population: grade 3 students in 12 schools
primary_drivers:
  - { id: p-data, title: Teachers use reading data weekly, description: Data use drives instruction }
  - { id: p-coach, title: Every teacher is coached weekly }
secondary_drivers:
  - { id: s-huddle, title: Teams have protected time together, supports: [p-data], owner: cao }
  - { id: s-release, title: Team Leads have release time, supports: [p-coach] }
  - { id: s-lonely, title: A driver no change idea supports, supports: p-coach }
change_ideas:
  - { id: c-huddles, title: Twice-weekly data huddles, supports: [s-huddle], measures: [m-huddles], status: testing, owner: ana, description: Twenty minutes with a template }
  - { id: c-leads, title: Team Leads with 50% release time, supports: [s-release, s-huddle], measures: [m-load], status: implementing }
  - { id: c-direct, title: Coaching cycles for every teacher, supports: [p-coach], status: spreading }
  - { id: c-orphan, title: An idea that supports nothing, status: abandoned }
measures:
  - { id: m-reading, name: Students reading at grade level, type: outcome, definition: Share at or above grade level on the screener, unit: percent, frequency: three times a year }
  - { id: m-huddles, name: Huddles held per week, type: process }
  - { id: m-load, name: Team Lead hours after school, type: balancing }
`;

export const PDSA_1 = `kind: pdsa-cycle
id: huddles-1
title: Huddles, cycle 1
change_idea: k3#c-huddles
cycle: 1
previous: null
status: done
plan:
  objective: Learn whether one team will hold a 20-minute huddle
  questions:
    - { id: q1, question: Will teachers bring student work?, prediction: 5 of 7 will }
  start: 2026-01-12
  end: 2026-01-23
study:
  results:
    - { question: q1, result: 6 of 7 did, prediction_met: yes }
  learning: Teachers come prepared.
act:
  decision: adapt
  next_steps: Add a template.
`;

export const PDSA_2 = `kind: pdsa-cycle
id: huddles-2
title: Huddles, cycle 2
owner: ana
change_idea: k3#c-huddles
cycle: 2
previous: huddles-1
status: studying
plan:
  objective: Learn whether a template keeps huddles to 20 minutes
  questions:
    - { id: q1, question: Will huddles end on time?, prediction: Most will }
    - { id: q2, question: Will a second team run it alone?, prediction: Yes after one model huddle }
    - { id: q3, question: Will leads work longer hours? }
  tasks:
    - { task: Draft the template, who: ana, when: 2026-01-23, done: true }
    - { task: Model the first huddle, who: cao, when: 2026-01-27 }
  start: 2026-01-26
  end: 2026-02-13
  scale: two grade teams
  data_collection: Leads time each huddle
do:
  observations: Lincoln held all six huddles.
  problems: Assemblies took two slots.
  started: 2026-01-26
  ended: 2026-02-13
study:
  results:
    - { question: q1, result: Huddles ran 18 to 23 minutes, prediction_met: yes }
    - { question: q2, result: Jefferson held 4 of 6, prediction_met: partly }
    - { question: q9, result: A result for no question, prediction_met: no }
  learning: The template works when the time is protected.
data:
  measure: k3#m-huddles
  points:
    - { date: 2026-01-27, value: 3, note: template arrives }
    - { date: 2026-01-29, value: 4 }
    - { date: 2026-02-03, value: 3 }
`;

export const RAPID = `kind: rapid-charter
id: cabinet
title: Cabinet decision rights
owner: supt
decisions:
  - id: d-one
    decision: Adopt a standards-based grading policy
    recommend: cao
    agree: [union]
    perform: principals
    input: [teachers, parents]
    decide: supt
    due: 2026-04-01
    status: open
    notes: Principals drafted the guidance
  - { id: d-none, decision: Nobody decides this one, recommend: cao, perform: principals, status: proposed }
  - { id: d-two, decision: Two parties decide this one, recommend: hr, perform: principals, decide: [supt, board], status: decided, outcome: Approved in March }
  - { id: d-conflict, decision: A party agrees and gives input, recommend: cao, agree: union, input: [union], perform: principals, decide: cao }
`;

export const LEADERSHIP = `kind: leadership-model
id: lincoln
title: Lincoln Team Leads
school: { name: Lincoln Elementary, teachers: 40, students: 400 }
defaults: { max_span: 10 }
roles:
  - { id: principal, title: Principal, category: principal, release_time: 100%, evaluation: owns, responsibilities: [goal-setting, observation-feedback, motivation, collaboration, evaluation] }
  - { id: team-lead, title: Team Lead, category: teacher-leader, release_time: 50%, max_span: 8, evaluation: input, responsibilities: [goal-setting, observation-feedback, motivation, collaboration, evaluation] }
positions:
  - { id: principal, role: principal, name: Rosa Delgado }
  - { id: tl-ok, role: team-lead, reports_to: principal }
  - { id: tl-near, role: team-lead, reports_to: principal }
  - { id: tl-over, role: team-lead, reports_to: principal, name: Ana Torres }
  - { id: tl-none, role: team-lead, reports_to: tl-ok }
teams:
  - { id: t-ok, name: Kindergarten, led_by: tl-ok, teachers: 5 }
  - { id: t-near, name: Grade 1, led_by: tl-near, teachers: 7 }
  - { id: t-over, name: Grade 2, led_by: tl-over, teachers: [Ben, Carla, Dev, Erin, Femi, Gus, Hana, Ivo, Jo] }
  - { id: t-leads, name: The Team Leads, led_by: principal, teachers: 4 }
`;

export const MESSAGE = `kind: message-map
id: parents
title: New tests for parents
audience: parents of grade 3 to 8 students
question: What changes for my child?
messages:
  - id: m1
    text: Your child will take the new tests online this spring.
    support: [Practice tests open in March, Testing window is April 20 to May 29]
  - text: one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive twentysix twentyseven twentyeight
`;

export const ROSTER = `kind: roster
id: district
title: District roster
people:
  - { id: supt, name: Dr. Elena Marsh, role: Superintendent, email: marsh@example.org }
  - { id: cao, name: Marcus Webb, role: Chief Academic Officer }
groups:
  - { id: principals, name: All principals, members: [Rosa Delgado, Ben Ito] }
`;

/** A PDSA cycle with a run chart series. */
export function pdsaWithPoints(values: readonly number[], id = 'series'): string {
  const points = values.map((v, i) => `    - { date: 2026-01-${String(i + 1).padStart(2, '0')}, value: ${v} }`).join('\n');
  return `kind: pdsa-cycle
id: ${id}
change_idea: k3#c-huddles
cycle: 1
status: doing
plan:
  objective: Chart it
data:
  measure: k3#m-huddles
  points:
${points}
`;
}

/** A driver diagram of 38 nodes: 1 aim, 5 primaries, 12 secondaries, 20 change ideas; ideas support one or two secondaries. */
export function bigDriver(): string {
  const lines = ['kind: driver-diagram', 'id: k8-attendance', 'aim:', '  statement: Raise average daily attendance in grades 6 to 8 from 88% to 94% by June 2026', 'primary_drivers:'];
  for (let p = 1; p <= 5; p++) lines.push(`  - { id: p${p}, title: Primary driver ${p} about families and belonging at school }`);
  lines.push('secondary_drivers:');
  for (let s = 1; s <= 12; s++) lines.push(`  - { id: s${s}, title: Secondary driver ${s} on routines that bring students back, supports: [p${((s - 1) % 5) + 1}] }`);
  lines.push('change_ideas:');
  const statuses = ['idea', 'testing', 'implementing', 'spreading'];
  for (let c = 1; c <= 20; c++) {
    const supports = c % 4 === 0 ? `[s${((c - 1) % 12) + 1}, s${(c % 12) + 1}]` : `[s${((c - 1) % 12) + 1}]`;
    lines.push(`  - { id: c${c}, title: Change idea ${c} a phone call home on the first day missed, status: ${statuses[c % 4]}, supports: ${supports} }`);
  }
  return `${lines.join('\n')}\n`;
}
