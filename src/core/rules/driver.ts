import type { Rule, RuleContext } from './api';
import { filled, ids, items, obj, text, type Obj } from '../model/values';
import { listing, plural } from '../text';

/**
 * Driver diagram rules. A driver diagram is a theory of improvement: the aim, the primary
 * drivers that move it, the secondary drivers that move those, the change ideas to test, and
 * the measures that say whether a change is an improvement ("What specifically is the problem we
 * are trying to solve? What change will we make and why? How will we know if the change is an
 * improvement?" — the reflection guide on leading system-wide continuous improvement). References to items (`supports`, `aim.measure`)
 * are checked by `ref/unknown`; these rules look at what is missing from the theory.
 */

/** An item as people read it: `` `p-coaching` (Every teacher gets weekly coaching) ``. */
function label(item: Obj, fallback: string): string {
  const id = text(item.id);
  const title = text(item.title) ?? text(item.name);
  if (id && title) return `\`${id}\` (${title})`;
  if (id) return `\`${id}\``;
  if (title) return `"${title}"`;
  return fallback;
}

/** The ids a `supports` names inside this document: `k3-reading#s-release` counts as local in k3-reading. */
function localIds(ctx: RuleContext, value: unknown): string[] {
  const out: string[] = [];
  for (const ref of ids(value)) {
    const hash = ref.indexOf('#');
    if (hash < 0) out.push(ref);
    else if (ref.slice(0, hash) === ctx.doc.id) out.push(ref.slice(hash + 1));
  }
  return out;
}

/** Every id some item of a list supports, with the items that support it. */
function supportedBy(ctx: RuleContext, listName: string): Map<string, Obj[]> {
  const map = new Map<string, Obj[]>();
  for (const { item } of items(ctx.data[listName])) {
    for (const id of localIds(ctx, item.supports)) {
      const list = map.get(id);
      if (list) list.push(item);
      else map.set(id, [item]);
    }
  }
  return map;
}

function measureType(item: Obj): string | undefined {
  return text(item.type)?.toLowerCase();
}

const aimNotMeasurable: Rule = {
  id: 'driver/aim-not-measurable',
  kinds: ['driver-diagram'],
  severity: 'warning',
  description: 'The aim lacks a target (how much), a date (`by`, by when) or an outcome measure (how we will know).',
  check(ctx) {
    const aim = obj(ctx.data.aim);
    // A missing aim is a schema problem (`aim` is required); nothing more to say here.
    if (!aim) return;
    const measures = items(ctx.data.measures);
    const missing: string[] = [];
    const todo: string[] = [];
    if (!filled(aim.target)) {
      missing.push('a target');
      todo.push('`target:`');
    }
    if (!filled(aim.by)) {
      missing.push('a date (`by`)');
      todo.push('`by: YYYY-MM-DD`');
    }
    const measureRef = text(aim.measure);
    if (measureRef === undefined && !measures.some(({ item }) => measureType(item) === 'outcome')) {
      missing.push('an outcome measure');
      todo.push('a `type: outcome` measure');
    }
    if (missing.length) {
      ctx.report({
        at: ['aim'],
        target: 'key',
        message: `The aim lacks ${listing(missing)}: add ${listing(todo)}`,
      });
    }
    if (measureRef !== undefined) {
      // `k3-reading#m-reading` inside k3-reading is local; other documents are ref/unknown's business.
      const [id] = localIds(ctx, measureRef);
      const found = id === undefined ? undefined : measures.find(({ item }) => text(item.id) === id);
      // An unknown measure is reported by ref/unknown.
      if (!found) return;
      const type = measureType(found.item);
      if (type === 'outcome') return;
      const outcome = measures.find(({ item }) => measureType(item) === 'outcome');
      ctx.report({
        at: ['aim', 'measure'],
        target: 'value',
        message:
          `The aim is measured by \`${id}\`, ${type ? `a ${type} measure` : 'with no `type`'}: ` +
          (outcome ? `name the outcome measure \`${text(outcome.item.id) ?? ''}\` instead` : `measure it by an outcome measure`),
        fixes:
          outcome && text(outcome.item.id)
            ? [{ title: `Measure the aim by \`${text(outcome.item.id)}\``, kind: 'suggestion', edits: [{ at: ['aim', 'measure'], target: 'value', text: text(outcome.item.id)! }] }]
            : undefined,
      });
    }
  },
};

const primaryWithoutSecondary: Rule = {
  id: 'driver/primary-without-secondary',
  kinds: ['driver-diagram'],
  severity: 'warning',
  description: 'A primary driver has no secondary driver (or change idea) supporting it.',
  check(ctx) {
    const bySecondary = supportedBy(ctx, 'secondary_drivers');
    const byChange = supportedBy(ctx, 'change_ideas');
    for (const { item, index } of items(ctx.data.primary_drivers)) {
      const id = text(item.id);
      // Without an id nothing can support it; the schema asks for the id.
      if (!id || bySecondary.has(id) || byChange.has(id)) continue;
      ctx.report({
        at: ['primary_drivers', index],
        target: 'item',
        message: `Primary driver \`${id}\` has no secondary driver: add one with \`supports: [${id}]\``,
      });
    }
  },
};

const secondaryWithoutChange: Rule = {
  id: 'driver/secondary-without-change',
  kinds: ['driver-diagram'],
  severity: 'warning',
  description: 'A secondary driver has no change idea supporting it.',
  check(ctx) {
    const byChange = supportedBy(ctx, 'change_ideas');
    for (const { item, index } of items(ctx.data.secondary_drivers)) {
      const id = text(item.id);
      if (!id || byChange.has(id)) continue;
      ctx.report({
        at: ['secondary_drivers', index],
        target: 'item',
        message: `Secondary driver \`${id}\` has no change idea: add one with \`supports: [${id}]\``,
      });
    }
  },
};

const orphanChangeIdea: Rule = {
  id: 'driver/orphan-change-idea',
  kinds: ['driver-diagram'],
  severity: 'warning',
  description: 'A change idea supports no driver (`supports` is missing or empty).',
  check(ctx) {
    const drivers = [...items(ctx.data.secondary_drivers), ...items(ctx.data.primary_drivers)].map(({ item }) => text(item.id)).filter((id): id is string => !!id);
    const example = drivers.length ? drivers[0] : 's-release';
    for (const { item, index } of items(ctx.data.change_ideas)) {
      if (ids(item.supports).length) continue;
      ctx.report({
        at: ['change_ideas', index],
        target: 'item',
        message: `Change idea ${text(item.id) ? `\`${text(item.id)}\`` : label(item, `number ${index + 1}`)} supports no driver: add \`supports:\` (such as \`[${example}]\`)`,
      });
    }
  },
};

const noBalancingMeasure: Rule = {
  id: 'driver/no-balancing-measure',
  kinds: ['driver-diagram'],
  severity: 'info',
  description: 'The diagram has no balancing measure (`type: balancing`).',
  check(ctx) {
    if (items(ctx.data.measures).some(({ item }) => measureType(item) === 'balancing')) return;
    ctx.report({
      at: ctx.doc.has(['measures']) ? ['measures'] : ['id'],
      target: 'key',
      message: `No balancing measure: add one with \`type: balancing\` (such as team lead hours per week)`,
    });
  },
};

const tooManyPrimaryDrivers: Rule = {
  id: 'driver/too-many-primary-drivers',
  kinds: ['driver-diagram'],
  severity: 'info',
  description: 'More primary drivers than `max_primary` (5): IHI advises 2 to 5.',
  options: { max_primary: 5 },
  check(ctx) {
    const max = Number(ctx.option<number>('max_primary'));
    const count = items(ctx.data.primary_drivers).length;
    if (!Number.isFinite(max) || count <= max) return;
    ctx.report({
      at: ['primary_drivers'],
      target: 'key',
      message: `${plural(count, 'primary driver')}, more than ${max}: merge some, or move them down to secondary drivers`,
    });
  },
};

const untestedChangeIdea: Rule = {
  id: 'driver/untested-change-idea',
  kinds: ['driver-diagram'],
  severity: 'hint',
  scope: 'workspace',
  description: 'A change idea has `status: testing` but no PDSA cycle in the workspace tests it.',
  check(ctx) {
    const docId = ctx.doc.id;
    if (docId === undefined) return;
    for (const { item, index } of items(ctx.data.change_ideas)) {
      const id = text(item.id);
      if (!id || text(item.status) !== 'testing') continue;
      if (ctx.workspace.cyclesTesting(`${docId}#${id}`).length) continue;
      ctx.report({
        at: ['change_ideas', index],
        target: 'item',
        message: `Change idea \`${id}\` is \`testing\` but no PDSA cycle tests it: add one with \`change_idea: ${docId}#${id}\``,
        fixes: ctx.doc.has(['change_ideas', index, 'status'])
          ? // Setting the status back changes what the diagram claims: the user's call.
            [{ title: 'Set the status to `idea`', kind: 'suggestion', edits: [{ at: ['change_ideas', index, 'status'], target: 'value', text: 'idea' }] }]
          : undefined,
      });
    }
  },
};

/** Whether a document gives data for a measure: a measure document, or a PDSA cycle with a series (points or a file). */
function givesData(doc: { kind: string; data: Record<string, unknown> | undefined }): boolean {
  if (doc.kind !== 'pdsa-cycle') return true;
  const series = obj(doc.data?.data);
  return filled(series?.points) || text(series?.file) !== undefined;
}

const measureWithoutData: Rule = {
  id: 'driver/measure-without-data',
  kinds: ['driver-diagram'],
  severity: 'hint',
  scope: 'workspace',
  description: 'A measure has no data anywhere in the workspace: no `measure` document and no PDSA series names it.',
  check(ctx) {
    const docId = ctx.doc.id;
    if (docId === undefined) return;
    for (const { item, index } of items(ctx.data.measures)) {
      const id = text(item.id);
      if (!id || ctx.workspace.dataFor(`${docId}#${id}`).some(givesData)) continue;
      ctx.report({
        at: ['measures', index],
        target: 'item',
        message: `No data for measure \`${docId}#${id}\`: add a measure document or PDSA series for it`,
      });
    }
  },
};

/** The rule over measures' data, after the measure rules in DESIGN §2. */
export const DRIVER_DATA_RULES: readonly Rule[] = [measureWithoutData];

export const DRIVER_RULES: readonly Rule[] = [
  aimNotMeasurable,
  primaryWithoutSecondary,
  secondaryWithoutChange,
  orphanChangeIdea,
  noBalancingMeasure,
  tooManyPrimaryDrivers,
  untestedChangeIdea,
];
