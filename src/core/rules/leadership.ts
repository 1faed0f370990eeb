/**
 * Leadership-model rules. The facts behind the thresholds and messages come from the report on
 * distributed school leadership (2014): the average principal is directly
 * responsible for 37 teachers, against about 5 people for managers of highly skilled
 * professionals and around 15 for call-center managers; at Green Dot none of the three top
 * leaders has more than 13 teachers, and "in an ideal world, no one leader would have
 * responsibility for more than 10 teachers"; Denver's Team Leads lead up to eight teachers with
 * up to 50% release time; end-to-end responsibility means setting goals, observing and giving
 * feedback, motivating, facilitating collaboration and aligning with evaluation; a coach
 * without a role in evaluation says "my coaching has no teeth".
 */
import type { EditSpec, FixSpec, Rule, RuleContext } from './api';
import { yamlScalar } from '../model/yaml-text';
import { items, list, num, obj, share, text, type Obj } from '../model/values';
import { RESPONSIBILITIES } from '../schemas/kinds';
import { categoryOfRole, DEFAULT_MAX_SPAN, nameKey, spans, teachersInTeams, type PositionSpan } from '../model/span';
import { listing, plural } from '../text';
import type { Path } from '../types';

const KINDS = ['leadership-model'] as const;

// ---- the "split an oversized team" fix ----

/** An id not yet taken: `<base>-2`, `<base>-3`… */
function freshId(base: string, taken: Set<string>): string {
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  const id = `${base}-${n}`;
  taken.add(id);
  return id;
}

function fixOf(fix: FixSpec | undefined): FixSpec[] | undefined {
  return fix ? [fix] : undefined;
}

/**
 * Spreads the teams of an over-limit position over new position stubs (same role, reporting to
 * it), each within the limit, first fit in the order written; a team larger than the limit is
 * split into teams of at most the limit. The position keeps the first teams that fit.
 */
function splitFix(ctx: RuleContext, span: PositionSpan): FixSpec | undefined {
  const max = span.max;
  if (max < 1) return undefined;
  const positionIds = new Set(items(ctx.data.positions).map(({ item }) => text(item.id)).filter((id): id is string => id !== undefined));
  const teamIds = new Set(items(ctx.data.teams).map(({ item }) => text(item.id)).filter((id): id is string => id !== undefined));
  const buckets: Array<{ id: string; load: number }> = [{ id: span.id, load: 0 }];
  const fresh: string[] = [];
  const bucketFor = (n: number) => {
    const found = buckets.find((b) => b.load + n <= max);
    if (found) return found;
    const b = { id: freshId(span.id, positionIds), load: 0 };
    buckets.push(b);
    fresh.push(b.id);
    return b;
  };
  const edits: EditSpec[] = [];
  const newTeams: string[] = [];
  const moved: string[] = [];
  const teams = list(ctx.data.teams);
  for (const team of span.teams) {
    const label = team.id ? `\`${team.id}\`` : `team ${team.index + 1}`;
    const teachers = (teams[team.index] as Obj).teachers;
    if (team.teachers <= max) {
      const b = bucketFor(team.teachers);
      b.load += team.teachers;
      if (b.id !== span.id) {
        edits.push({ at: ['teams', team.index, 'led_by'], target: 'value', text: yamlScalar(b.id) });
        moved.push(`move ${label} to \`${b.id}\``);
      }
      continue;
    }
    // Larger than the limit on its own: keep `max` teachers in the team, the rest in new teams.
    const names = Array.isArray(teachers) ? teachers.map(text).filter((n): n is string => n !== undefined) : undefined;
    const pieces: Array<string[] | number> = [];
    for (let at = 0; at < team.teachers; at += max) pieces.push(names ? names.slice(at, at + max) : Math.min(max, team.teachers - at));
    const size = (p: string[] | number) => (typeof p === 'number' ? p : p.length);
    const write = (p: string[] | number) => (typeof p === 'number' ? String(p) : `[${p.map(yamlScalar).join(', ')}]`);
    const first = bucketFor(size(pieces[0]));
    first.load += size(pieces[0]);
    edits.push({ at: ['teams', team.index, 'teachers'], target: 'value', text: write(pieces[0]) });
    if (first.id !== span.id) edits.push({ at: ['teams', team.index, 'led_by'], target: 'value', text: yamlScalar(first.id) });
    const parts: string[] = [];
    for (const piece of pieces.slice(1)) {
      const b = bucketFor(size(piece));
      b.load += size(piece);
      const id = freshId(team.id ?? `team-${team.index + 1}`, teamIds);
      newTeams.push(`{ id: ${yamlScalar(id)}, led_by: ${yamlScalar(b.id)}, teachers: ${write(piece)} }`);
      parts.push(`\`${id}\` (${size(piece)}) to \`${b.id}\``);
    }
    moved.push(`${label} split: ${listing(parts)}`);
  }
  if (!fresh.length && !newTeams.length) return undefined;
  const roleText = span.role !== undefined ? yamlScalar(span.role) : 'other';
  const addPositions = ctx.appendItems(['positions'], fresh.map((id) => `{ id: ${yamlScalar(id)}, role: ${roleText}, reports_to: ${yamlScalar(span.id)} }`));
  if (fresh.length && !addPositions) return undefined;
  const addTeams = ctx.appendItems(['teams'], newTeams);
  if (newTeams.length && !addTeams) return undefined;
  return {
    // Splitting a team reorganises the school: only ever a suggestion.
    kind: 'suggestion',
    title:
      moved.length <= 3
        ? `Split the teams of \`${span.id}\` (${span.teachers} teachers, limit ${max}): ${moved.join('; ')}`
        : `Split the ${span.teachers} teachers of \`${span.id}\` over new positions ${listing(fresh.map((id) => `\`${id}\``))}, at most ${max} each`,
    edits: [...edits, ...(addPositions ? [addPositions] : []), ...(addTeams ? [addTeams] : [])],
  };
}

// ---- rules ----

const oversizedSpan: Rule = {
  id: 'leadership/oversized-span',
  kinds: KINDS,
  severity: 'warning',
  description: "A position leads more teachers than its role's `max_span`, the document's `defaults.max_span`, or the configured `max_span` (10).",
  options: { max_span: DEFAULT_MAX_SPAN },
  check(ctx) {
    const configured = ctx.option<number>('max_span');
    for (const span of spans(ctx.data, configured).values()) {
      if (span.teachers <= span.max) continue;
      const limit = span.source === 'role' ? `its role's ${span.max}` : span.source === 'defaults' ? `\`defaults.max_span\` ${span.max}` : configured === DEFAULT_MAX_SPAN ? `the limit ${span.max}` : `the limit of ${span.max} set in .improvekit.yaml`;
      ctx.report({
        at: ['positions', span.index],
        target: 'item',
        message: `Position \`${span.id}\` leads ${plural(span.teachers, 'teacher')}, more than ${limit}: give part of a team to another leader`,
        related: span.teams.map((t) => ({ doc: ctx.doc, at: ['teams', t.index, 'led_by'], target: 'value' as const, message: `${t.id ? `\`${t.id}\`` : `team ${t.index + 1}`}: ${plural(t.teachers, 'teacher')}` })),
        fixes: fixOf(splitFix(ctx, span)),
      });
    }
  },
};

function schoolTeachers(ctx: RuleContext): number | undefined {
  const n = num(obj(ctx.data.school)?.teachers);
  return n !== undefined && n >= 0 ? n : undefined;
}

const uncoveredTeachers: Rule = {
  id: 'leadership/uncovered-teachers',
  kinds: KINDS,
  severity: 'warning',
  description: '`school.teachers` exceeds the teachers in teams: some teachers have no development lead.',
  check(ctx) {
    const school = schoolTeachers(ctx);
    if (school === undefined) return;
    const total = teachersInTeams(ctx.data);
    if (school <= total) return;
    const missing = school - total;
    ctx.report({
      at: ['school', 'teachers'],
      target: 'value',
      message: `${missing === 1 ? '1 teacher has' : `${missing} teachers have`} no development lead (${school} in the school, ${total} in teams): add them to a team`,
    });
  },
};

const overcountedTeachers: Rule = {
  id: 'leadership/overcounted-teachers',
  kinds: KINDS,
  severity: 'warning',
  description: 'Teams hold more teachers than `school.teachers`.',
  check(ctx) {
    const school = schoolTeachers(ctx);
    if (school === undefined) return;
    const total = teachersInTeams(ctx.data);
    if (total <= school) return;
    ctx.report({
      at: ['school', 'teachers'],
      target: 'value',
      message: `The teams hold ${total} teachers but \`school.teachers\` is ${school}: correct the team counts or \`school.teachers\``,
    });
  },
};

const teacherInTwoTeams: Rule = {
  id: 'leadership/teacher-in-two-teams',
  kinds: KINDS,
  severity: 'warning',
  description: 'A named teacher is in two teams led by different positions.',
  check(ctx) {
    const first = new Map<string, { team: string; lead: string; at: Path }>();
    const reported = new Set<string>();
    for (const { item, index } of items(ctx.data.teams)) {
      const lead = text(item.led_by);
      if (lead === undefined || !Array.isArray(item.teachers)) continue;
      const team = text(item.id) ?? `team ${index + 1}`;
      item.teachers.forEach((value, k) => {
        const name = text(value);
        if (name === undefined) return;
        const key = nameKey(name);
        const at: Path = ['teams', index, 'teachers', k];
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, { team, lead, at });
          return;
        }
        if (earlier.lead === lead || reported.has(`${key}|${index}`)) return;
        reported.add(`${key}|${index}`);
        ctx.report({
          at,
          target: 'value',
          message: `${name} is in teams \`${team}\` and \`${earlier.team}\`, led by different leaders: keep ${name} in one team`,
          related: [{ doc: ctx.doc, at: earlier.at, target: 'value', message: `${name} is also in \`${earlier.team}\` here` }],
        });
      });
    }
  },
};

/** Positions that lead at least one teacher, by the index of their role in `roles`. */
function leadingByRole(data: Obj): Map<number, PositionSpan[]> {
  const out = new Map<number, PositionSpan[]>();
  for (const span of spans(data).values()) {
    if (span.teachers <= 0 || span.roleIndex === undefined) continue;
    const l = out.get(span.roleIndex);
    if (l) l.push(span);
    else out.set(span.roleIndex, [span]);
  }
  return out;
}

function positionsLabel(held: PositionSpan[]): string {
  const teachers = held.reduce((n, s) => n + s.teachers, 0);
  const ids = listing(held.map((s) => `\`${s.id}\``));
  return `${held.length === 1 ? 'position' : 'positions'} ${ids} ${held.length === 1 ? 'leads' : 'lead'} ${plural(teachers, 'teacher')}`;
}

const noReleaseTime: Rule = {
  id: 'leadership/no-release-time',
  kinds: KINDS,
  severity: 'warning',
  description: 'A position leads teachers but its role has 0 release time and is not principal or assistant principal.',
  check(ctx) {
    const leading = leadingByRole(ctx.data);
    for (const { item, index } of items(ctx.data.roles)) {
      const held = leading.get(index);
      if (!held || share(item.release_time) !== 0) continue;
      const category = categoryOfRole(item);
      if (category === 'principal' || category === 'assistant-principal') continue;
      ctx.report({
        at: ['roles', index, 'release_time'],
        target: 'value',
        message: `Role \`${text(item.id) ?? `number ${index + 1}`}\` has no release time, yet its ${positionsLabel(held)}: give it release time`,
      });
    }
  },
};

const coachingWithoutAuthority: Rule = {
  id: 'leadership/coaching-without-authority',
  kinds: KINDS,
  severity: 'warning',
  description: 'A role coaches or observes but has `evaluation: none`.',
  check(ctx) {
    for (const { item, index } of items(ctx.data.roles)) {
      if (text(item.evaluation)?.toLowerCase() !== 'none') continue;
      const coach = categoryOfRole(item) === 'coach';
      const observes = list(item.responsibilities).some((r) => text(r) === 'observation-feedback');
      if (!coach && !observes) continue;
      const at: Path = ['roles', index, 'evaluation'];
      ctx.report({
        at,
        target: 'value',
        message: `Role \`${text(item.id) ?? `number ${index + 1}`}\` ${coach ? 'coaches' : 'observes'} but has \`evaluation: none\`: give it a voice (\`evaluation: input\`)`,
        fixes: [{ title: 'Change to `evaluation: input`', kind: 'suggestion', edits: [{ at, target: 'value', text: 'input' }] }],
      });
    }
  },
};

const fragmentedResponsibility: Rule = {
  id: 'leadership/fragmented-responsibility',
  kinds: KINDS,
  severity: 'info',
  description: 'A role that leads teachers holds some but not all five end-to-end responsibilities.',
  check(ctx) {
    const leading = leadingByRole(ctx.data);
    for (const { item, index } of items(ctx.data.roles)) {
      const held = leading.get(index);
      if (!held || !Array.isArray(item.responsibilities)) continue;
      const has = new Set(item.responsibilities.map(text).filter((r): r is string => r !== undefined).map((r) => r.toLowerCase()));
      const present = RESPONSIBILITIES.filter((r) => has.has(r));
      if (!present.length || present.length === RESPONSIBILITIES.length) continue;
      const missing = RESPONSIBILITIES.filter((r) => !has.has(r));
      const path: Path = ['roles', index, 'responsibilities'];
      ctx.report({
        at: path,
        target: 'key',
        message: `Role \`${text(item.id) ?? `number ${index + 1}`}\` holds ${present.length} of the 5 responsibilities; missing ${listing(missing)}: say who holds them`,
      });
    }
  },
};

const reportingCycle: Rule = {
  id: 'leadership/reporting-cycle',
  kinds: KINDS,
  severity: 'error',
  description: '`reports_to` forms a cycle.',
  check(ctx) {
    const positions = items(ctx.data.positions);
    const indexOf = new Map<string, number>();
    const boss = new Map<string, string>();
    for (const { item, index } of positions) {
      const id = text(item.id);
      if (id === undefined || indexOf.has(id)) continue;
      indexOf.set(id, index);
      const to = text(item.reports_to);
      if (to !== undefined) boss.set(id, to);
    }
    // Each position reports to at most one: follow the chain from each, marking what is done.
    const done = new Set<string>();
    for (const start of indexOf.keys()) {
      const path: string[] = [];
      const onPath = new Map<string, number>();
      let cur: string | undefined = start;
      while (cur !== undefined && indexOf.has(cur) && !done.has(cur) && !onPath.has(cur)) {
        onPath.set(cur, path.length);
        path.push(cur);
        cur = boss.get(cur);
      }
      if (cur !== undefined && onPath.has(cur)) {
        const cycle = path.slice(onPath.get(cur)!);
        // Start the loop at the member written first, and report there.
        const firstAt = cycle.reduce((best, id, i) => (indexOf.get(id)! < indexOf.get(cycle[best])! ? i : best), 0);
        const loop = [...cycle.slice(firstAt), ...cycle.slice(0, firstAt)];
        const shown = [...loop, loop[0]].join(' → ');
        ctx.report({
          at: ['positions', indexOf.get(loop[0])!, 'reports_to'],
          target: 'value',
          message:
            loop.length === 1
              ? `Position \`${loop[0]}\` reports to itself: change its \`reports_to\``
              : `Positions report to each other in a loop (${shown}): change the \`reports_to\` of one of them`,
          related: loop.slice(1).map((id) => ({ doc: ctx.doc, at: ['positions', indexOf.get(id)!, 'reports_to'], target: 'value' as const, message: `\`${id}\` reports to \`${boss.get(id)}\`` })),
        });
      }
      for (const id of path) done.add(id);
    }
  },
};

export const LEADERSHIP_RULES: readonly Rule[] = [
  oversizedSpan,
  uncoveredTeachers,
  overcountedTeachers,
  teacherInTwoTeams,
  noReleaseTime,
  coachingWithoutAuthority,
  fragmentedResponsibility,
  reportingCycle,
];
