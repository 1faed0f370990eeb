import { workspaceOf } from '../../helpers';
import type { Workspace } from '../../../src/core/workspace';
import type { Position } from '../../../src/core/types';

export const uriOf = (name: string) => `file:///ws/${name}`;

/** A workspace whose file `name` holds `marked` with its `|` removed; the position of the `|`. */
export function withCursor(name: string, marked: string, others: Record<string, string> = {}): { ws: Workspace; uri: string; pos: Position; text: string } {
  const at = marked.indexOf('|');
  if (at < 0) throw new Error('no cursor marker');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  const ws = workspaceOf({ ...others, [name]: text });
  const before = text.slice(0, at).split('\n');
  return { ws, uri: uriOf(name), pos: { line: before.length - 1, character: before[before.length - 1].length }, text };
}

/** The text a range covers. */
export function textOf(text: string, range: { start: Position; end: Position }): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
}

export const DRIVER = `kind: driver-diagram
id: k3-reading
title: K-3 reading
aim:
  statement: Raise grade 3 reading proficiency
  measure: m-proficiency
primary_drivers:
  - id: p-data
    title: Teachers use data to adjust instruction
  - id: p-time
    title: Protected collaboration time
secondary_drivers:
  - id: s-huddles
    title: Data huddles twice a week
    supports: [p-data, p-time]
change_ideas:
  - id: c-template
    title: One-page huddle template
    supports: s-huddles
    measures: [m-huddles]
    status: testing
measures:
  - id: m-proficiency
    name: Grade 3 students proficient
    type: outcome
  - id: m-huddles
    name: Huddles held per week
    type: process
`;

export const ROSTER = `kind: roster
id: cabinet
people:
  - id: supt
    name: Dana Reyes
    role: Superintendent
  - id: cao
    name: Sam Ortiz
    role: Chief academic officer
  - id: ana
    name: Ana Torres
groups:
  - id: principals
    name: All principals
`;

export const RAPID = `kind: rapid-charter
id: cabinet-2026
title: Cabinet decision rights
decisions:
  - id: grading-policy
    decision: Adopt a standards-based grading policy
    recommend: cao
    agree: [principals]
    perform: [principals, ana]
    input: [ana, cao]
    decide: supt
    status: open
  - id: calendar
    decision: Set the school calendar
    recommend: ana
`;

export const PDSA = `kind: pdsa-cycle
id: huddles-c1
title: Huddles, cycle 1
change_idea: k3-reading#c-template
status: done
plan:
  questions:
    - id: q-time
      question: Do huddles fit in 20 minutes?
      prediction: yes
  tasks:
    - task: Run the huddles
      who: ana
study:
  results:
    - question: q-time
      prediction_met: yes
`;

export const LEADERSHIP = `kind: leadership-model
id: lincoln
defaults: { max_span: 10 }
roles:
  - id: team-lead
    title: Team Lead
    category: teacher-leader
    max_span: 8
positions:
  - { id: principal, role: principal }
  - { id: tl-grade3, role: team-lead, reports_to: principal }
teams:
  - { id: grade-3, led_by: tl-grade3, teachers: 7 }
  - { id: kinder, led_by: principal, teachers: 6 }
  - { id: grade-1, led_by: principal, teachers: 6 }
`;
