import type { ParsedDocument } from '../parse';
import type { Path } from '../types';
import { ACT_DECISIONS, PDSA_STATUS } from '../schemas/kinds';
import { items, list, obj, text, type Obj } from '../model/values';
import { html, token, type Content, type Html } from './html';
import type { Scope } from './context';
import { article, badge, empty, field, header, titleOf } from './parts';
import { runChartSummary, runChartSvg, runChartView } from './runchart';
import { figure } from './svg';

/** Longest ramp walked each way: a guard against long or looping `previous` chains. */
const MAX_RAMP = 50;

interface RampStep {
  doc: ParsedDocument;
  current: boolean;
}

function cycleNumber(doc: ParsedDocument): number | undefined {
  return typeof doc.data?.cycle === 'number' ? doc.data.cycle : undefined;
}

function isCycle(doc: ParsedDocument): boolean {
  return doc.kind === 'pdsa-cycle';
}

/** The ramp around this cycle: previous cycles through `previous`, next ones through `cyclesAfter`. */
function ramp(scope: Scope): { steps: RampStep[]; branches: ParsedDocument[]; missing?: string } {
  const ws = scope.workspace;
  const steps: RampStep[] = [{ doc: scope.doc, current: true }];
  const seen = new Set<ParsedDocument>([scope.doc]);
  const branches: ParsedDocument[] = [];
  let missing: string | undefined;
  if (!ws) return { steps, branches };
  let previous = text(scope.doc.data?.previous);
  while (previous && steps.length < MAX_RAMP) {
    const found = ws.byId(previous).find(isCycle);
    if (!found) {
      missing = previous;
      break;
    }
    if (seen.has(found)) break;
    seen.add(found);
    steps.unshift({ doc: found, current: false });
    previous = text(found.data?.previous);
  }
  let id = scope.doc.id;
  for (let k = 0; id && k < MAX_RAMP; k++) {
    const next = ws.cyclesAfter(id).filter((d) => isCycle(d) && !seen.has(d));
    if (!next.length) break;
    next.sort((a, b) => (cycleNumber(a) ?? Infinity) - (cycleNumber(b) ?? Infinity));
    seen.add(next[0]);
    steps.push({ doc: next[0], current: false });
    branches.push(...next.slice(1));
    id = next[0].id;
  }
  return { steps, branches, missing };
}

function rampSection(scope: Scope): Html {
  const { steps, branches, missing } = ramp(scope);
  if (steps.length === 1 && !missing && !branches.length) return html``;
  const stepHtml = (step: RampStep) => {
    const data = step.doc.data ?? {};
    const status = token(data.status, PDSA_STATUS, 'none');
    const decision = token(obj(data.act)?.decision, ACT_DECISIONS, '');
    const number = cycleNumber(step.doc);
    const title = text(data.title) ?? text(obj(data.plan)?.objective) ?? step.doc.id ?? '';
    const target = step.current ? html` data-path="id" aria-current="step"` : step.doc.uri ? html` data-open-uri="${step.doc.uri}"` : '';
    return html`<li class="ik-ramp-step ik-pdsa-${status}${step.current ? ' ik-ramp-current' : ''}"${target} title="${title}"><span class="ik-ramp-number">${number !== undefined ? `Cycle ${number}` : 'Cycle'}</span><span class="ik-ramp-id">${step.doc.id ?? ''}</span><span class="ik-ramp-status">${text(data.status) ?? 'no status'}${decision ? html` · <span class="ik-decision-${decision}">${decision}</span>` : ''}</span></li>`;
  };
  const missingStep = missing
    ? html`<li class="ik-ramp-step ik-ramp-missing" data-path="previous"><span class="ik-ramp-number">?</span><span class="ik-ramp-id">${missing}</span><span class="ik-ramp-status">not found</span></li>`
    : '';
  const also = branches.length ? html`<p class="ik-muted">Also after cycles of this ramp: ${branches.map((b, i) => html`${i ? ', ' : ''}<code${b.uri ? html` data-open-uri="${b.uri}"` : ''}>${b.id ?? ''}</code>`)}</p>` : '';
  return html`<nav class="ik-ramp" aria-label="Ramp of PDSA cycles"><h2>Ramp</h2><ol>${missingStep}${steps.map(stepHtml)}</ol>${also}</nav>`;
}

/** The change idea under test, with its title from the driver diagram when it resolves. */
function changeIdeaLine(scope: Scope): Html {
  const ref = text(scope.doc.data?.change_idea);
  if (!ref) return html``;
  const resolved = scope.workspace?.resolveChangeIdea(ref);
  const idea = resolved ? obj(list(resolved.doc.data?.change_ideas)[resolved.index]) : undefined;
  const title = text(idea?.title);
  const diagram = resolved ? text(resolved.doc.data?.title) ?? resolved.doc.id : undefined;
  return html`<p class="ik-subtitle" data-path="change_idea">Tests the change idea <strong>${title ?? ref}</strong>${title ? html` <code class="ik-id">${ref}</code>` : ''}${diagram ? html` <span class="ik-muted">from</span> <span${resolved!.doc.uri ? html` data-open-uri="${resolved!.doc.uri}"` : ''}>${diagram}</span>` : ''}</p>`;
}

function phase(letter: string, name: string, path: string, content: Content, hint?: string): Html {
  return html`<section class="ik-phase ik-phase-${letter.toLowerCase()}" data-path="${path}"><h2><span class="ik-phase-letter">${letter}</span> ${name}${hint ? html` <span class="ik-muted">${hint}</span>` : ''}</h2>${content}</section>`;
}

function dates(start?: string, end?: string): string | undefined {
  if (start && end) return `${start} to ${end}`;
  if (start) return `from ${start}`;
  if (end) return `until ${end}`;
  return undefined;
}

function planSection(scope: Scope, plan: Obj | undefined): Html {
  if (!plan) return phase('P', 'Plan', 'plan', empty('No plan yet: say what this cycle is to learn, and predict what will happen.'));
  const questions = items(plan.questions);
  const tasks = items(plan.tasks);
  const facts = html`<dl class="ik-fields">${field('Objective', plan.objective, 'plan.objective', 'ik-field-wide')}${field('Scale', plan.scale, 'plan.scale')}${field('When', dates(text(plan.start), text(plan.end)), 'plan.start')}${field('Data collection', plan.data_collection, 'plan.data_collection')}</dl>`;
  const questionRows = questions.map(({ item, index }) => {
    const path: Path = ['plan', 'questions', index];
    const flag = scope.flag(path);
    const prediction = text(item.prediction);
    return html`<tr class="${flag.cls}" data-path="${path.join('.')}"${flag.title ? html` title="${flag.title}"` : ''}><td class="ik-qid">${text(item.id) ?? index + 1}</td><td>${text(item.question) ?? ''}</td><td${prediction ? html` data-path="${path.join('.')}.prediction"` : ''}>${prediction ?? html`<span class="ik-missing">no prediction</span>`}</td></tr>`;
  });
  const taskRows = tasks.map(({ item, index }) => {
    const path: Path = ['plan', 'tasks', index];
    const flag = scope.flag(path);
    const who = text(item.who);
    return html`<tr class="${flag.cls}${item.done === true ? ' ik-done' : ''}" data-path="${path.join('.')}"${flag.title ? html` title="${flag.title}"` : ''}><td class="ik-check-cell">${item.done === true ? '✓' : ''}</td><td>${text(item.task) ?? ''}</td><td>${who ? scope.partyLabel(who) : ''}</td><td class="ik-nowrap">${text(item.when) ?? ''}</td></tr>`;
  });
  return phase(
    'P',
    'Plan',
    'plan',
    html`${facts}${questions.length ? html`<h3>Questions and predictions</h3><table class="ik-table ik-questions"><thead><tr><th></th><th>Question</th><th>Prediction</th></tr></thead><tbody>${questionRows}</tbody></table>` : empty('No questions yet.')}${tasks.length ? html`<h3>Tasks</h3><table class="ik-table ik-tasks"><thead><tr><th><span class="ik-sr">Done</span></th><th>Task</th><th>Who</th><th>When</th></tr></thead><tbody>${taskRows}</tbody></table>` : ''}`,
  );
}

function doSection(doObj: Obj | undefined): Html {
  const content = doObj
    ? html`<dl class="ik-fields">${field('Observations', doObj.observations, 'do.observations', 'ik-field-wide')}${field('Problems', doObj.problems, 'do.problems', 'ik-field-wide')}${field('Ran', dates(text(doObj.started), text(doObj.ended)), 'do.started')}</dl>`
    : empty('Nothing recorded yet.');
  return phase('D', 'Do', 'do', content, 'what happened');
}

const MET_LABELS: Record<string, [string, string]> = {
  yes: ['✓', 'met'],
  partly: ['◐', 'partly'],
  no: ['✗', 'not met'],
};

function metOf(value: unknown): string | undefined {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  const t = text(value)?.toLowerCase();
  return t === undefined ? undefined : t in MET_LABELS ? t : 'unknown';
}

function studySection(scope: Scope, plan: Obj | undefined, study: Obj | undefined): Html {
  const questions = items(plan?.questions);
  const results = items(study?.results);
  const used = new Set<number>();
  const rows: Html[] = [];
  const resultCells = (r: { item: Obj; index: number } | undefined) => {
    if (!r) return html`<td><span class="ik-missing">no result yet</span></td><td></td>`;
    const met = metOf(r.item.prediction_met);
    const shown = met && met !== 'unknown' ? MET_LABELS[met] : undefined;
    const rpath = `study.results.${r.index}`;
    return html`<td data-path="${rpath}">${text(r.item.result) ?? html`<span class="ik-missing">no result yet</span>`}</td><td class="ik-met${met ? ` ik-met-${met}` : ''}" data-path="${rpath}.prediction_met">${shown ? html`<span class="ik-met-mark">${shown[0]}</span> ${shown[1]}` : met === 'unknown' ? text(r.item.prediction_met) ?? '' : ''}</td>`;
  };
  for (const { item, index } of questions) {
    const qid = text(item.id);
    const r = qid === undefined ? undefined : results.find((res) => text(res.item.question) === qid);
    if (r) used.add(r.index);
    const path: Path = r ? ['study', 'results', r.index] : ['plan', 'questions', index];
    const flag = r ? scope.flag(path) : { cls: '', title: '' };
    const prediction = text(item.prediction);
    rows.push(
      html`<tr class="${flag.cls}" data-path="${path.join('.')}"${flag.title ? html` title="${flag.title}"` : ''}><td class="ik-question" data-path="plan.questions.${index}"><span class="ik-qid">${qid ?? index + 1}</span> ${text(item.question) ?? ''}</td><td data-path="plan.questions.${index}">${prediction ?? html`<span class="ik-missing">no prediction</span>`}</td>${resultCells(r)}</tr>`,
    );
  }
  // Results whose question is not in the plan still show, so nothing written is hidden.
  for (const r of results) {
    if (used.has(r.index)) continue;
    const path: Path = ['study', 'results', r.index];
    const flag = scope.flag(path);
    rows.push(html`<tr class="${flag.cls}" data-path="${path.join('.')}"${flag.title ? html` title="${flag.title}"` : ''}><td class="ik-question"><span class="ik-qid">${text(r.item.question) ?? '?'}</span> <span class="ik-missing">not a plan question</span></td><td></td>${resultCells(r)}</tr>`);
  }
  const table = rows.length
    ? html`<table class="ik-table ik-study"><thead><tr><th>Question</th><th>Prediction</th><th>Result</th><th>Prediction met?</th></tr></thead><tbody>${rows}</tbody></table>`
    : empty('No questions or results yet.');
  const learning = text(study?.learning);
  return phase('S', 'Study', 'study', html`${table}${learning ? html`<div class="ik-learning" data-path="study.learning"><h3>Learning</h3><p>${learning}</p></div>` : ''}`, 'each prediction beside what happened');
}

function actSection(act: Obj | undefined): Html {
  const decisionText = text(act?.decision);
  const decision = token(decisionText, ACT_DECISIONS);
  const next = text(act?.next_steps);
  const content = decisionText || next
    ? html`${decisionText ? html`<p class="ik-decision" data-path="act.decision"><span class="ik-decision-badge ik-decision-${decision}">${decisionText}</span></p>` : ''}${next ? html`<dl class="ik-fields">${field('Next steps', next, 'act.next_steps', 'ik-field-wide')}</dl>` : ''}`
    : empty('No decision yet: adopt, adapt or abandon.');
  return phase('A', 'Act', 'act', content);
}

/** The measure charted, by name, when it resolves in its driver diagram. */
function measureName(scope: Scope, ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const hash = ref.indexOf('#');
  if (hash < 0 || !scope.workspace) return undefined;
  for (const doc of scope.workspace.byId(ref.slice(0, hash))) {
    if (doc.kind !== 'driver-diagram') continue;
    const found = items(doc.data?.measures).find(({ item }) => text(item.id) === ref.slice(hash + 1));
    const name = text(found?.item.name);
    if (name) return [name, text(found?.item.unit)].filter(Boolean).join(', ');
  }
  return undefined;
}

function dataSection(scope: Scope, dataObj: Obj | undefined): Html {
  if (!dataObj) return html``;
  const ref = text(dataObj.measure);
  const name = measureName(scope, ref) ?? ref;
  const view = runChartView(scope, dataObj.points);
  const heading = html`<h2>Run chart${name ? html` <span class="ik-muted">${name}</span>` : ''}</h2>`;
  if (!view.points.length) return html`<section class="ik-data" data-path="data">${heading}${empty('No data points yet.')}</section>`;
  const svg = runChartSvg(view, `Run chart${name ? ` of ${name}` : ''}`);
  return html`<section class="ik-data" data-path="data">${heading}${figure(svg, 'ik-figure-runchart', runChartSummary(view))}</section>`;
}

export function renderPdsa(scope: Scope): { title: string; body: string } {
  const data = scope.doc.data ?? {};
  const plan = obj(data.plan);
  const number = typeof data.cycle === 'number' ? data.cycle : undefined;
  const title = titleOf(scope, text(plan?.objective) ? `${number !== undefined ? `Cycle ${number}: ` : ''}${text(plan?.objective)}` : undefined);
  const statusText = text(data.status);
  const status = token(statusText, PDSA_STATUS);
  const badges = html`<p class="ik-badges">${number !== undefined ? badge(`Cycle ${number}`, 'ik-badge-cycle', 'cycle') : ''}${statusText ? badge(statusText, `ik-pdsa-${status}`, 'status', 'Status of the cycle') : ''}</p>`;
  const paths: Path[] = [['plan'], ['do'], ['study'], ['act'], ['data'], ['previous'], ['change_idea']];
  for (const { index } of items(plan?.questions)) paths.push(['plan', 'questions', index]);
  for (const { index } of items(plan?.tasks)) paths.push(['plan', 'tasks', index]);
  for (const { index } of items(obj(data.study)?.results)) paths.push(['study', 'results', index]);
  for (const { index } of items(obj(data.data)?.points)) paths.push(['data', 'points', index]);
  const body = article(
    scope,
    html`${header(scope, title, html`${changeIdeaLine(scope)}${badges}`)}${rampSection(scope)}<div class="ik-worksheet">${planSection(scope, plan)}${doSection(obj(data.do))}${studySection(scope, plan, obj(data.study))}${actSection(obj(data.act))}</div>${dataSection(scope, obj(data.data))}${scope.checks(paths)}`,
  );
  return { title, body: body.value };
}
