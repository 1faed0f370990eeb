import type { ParsedDocument } from '../parse';
import type { WorkspaceView } from '../rules/api';
import type { Path } from '../types';
import { RAPID_ROLES, RAPID_STATUS } from '../schemas/kinds';
import { items, parties, text, type Obj } from '../model/values';
import { html, token, type Html } from './html';
import { Scope } from './context';
import { article, badge, empty, header, titleOf } from './parts';

/** The roles in the order of the acronym. */
export const ROLE_ORDER = ['recommend', 'agree', 'perform', 'input', 'decide'] as const;
export type RapidRole = (typeof ROLE_ORDER)[number];
const LETTER: Record<RapidRole, string> = { recommend: 'R', agree: 'A', perform: 'P', input: 'I', decide: 'D' };

export interface RapidRow {
  index: number;
  item: Obj;
  id?: string;
  decision?: string;
  /** Roles by party key (lower case), in acronym order. */
  roles: Map<string, RapidRole[]>;
  deciders: string[];
}

export interface RapidMatrix {
  /** Party keys (lower case), deciders first, with the spelling first seen. */
  parties: Array<{ key: string; name: string }>;
  rows: RapidRow[];
  /** Ds held per party key in this charter (every D counted, also in rows with several). */
  ds: Map<string, number>;
}

/** The decisions × parties matrix, read leniently; parties are matched without regard to case. */
export function rapidMatrix(doc: ParsedDocument): RapidMatrix {
  const seen = new Map<string, string>();
  const ds = new Map<string, number>();
  const rows: RapidRow[] = items(doc.data?.decisions).map(({ item, index }) => {
    const roles = new Map<string, RapidRole[]>();
    for (const role of ROLE_ORDER) {
      for (const party of parties(item[role])) {
        const key = party.toLowerCase();
        if (!seen.has(key)) seen.set(key, party);
        const held = roles.get(key) ?? roles.set(key, []).get(key)!;
        if (!held.includes(role)) held.push(role);
      }
    }
    const deciders = [...new Set(parties(item.decide).map((p) => p.toLowerCase()))];
    for (const d of deciders) ds.set(d, (ds.get(d) ?? 0) + 1);
    return { index, item, id: text(item.id), decision: text(item.decision), roles, deciders };
  });
  // Deciders first (most Ds on the left), then in order of first appearance.
  const order = [...seen].map(([key, name], first) => ({ key, name, first }));
  order.sort((a, b) => (ds.get(b.key) ?? 0) - (ds.get(a.key) ?? 0) || a.first - b.first);
  return { parties: order.map(({ key, name }) => ({ key, name })), rows, ds };
}

function partyName(scope: Scope, name: string): { label: string; detail?: string } {
  const person = scope.person(name);
  if (!person?.name) return { label: name };
  return { label: person.name, detail: [name, person.role].filter(Boolean).join(' · ') };
}

function legend(): Html {
  return html`<dl class="ik-rapid-legend">${ROLE_ORDER.map((role) => {
    const [word, ...rest] = RAPID_ROLES[role].split(': ');
    return html`<div><dt><span class="ik-letter ik-role-${role}">${LETTER[role]}</span> ${word}</dt><dd>${rest.join(': ')}</dd></div>`;
  })}</dl>`;
}

/** How a row's deciders read: none, one, or several (the rule may also find several in one string). */
function deciderState(scope: Scope, row: RapidRow): 'none' | 'one' | 'many' {
  if (!row.deciders.length) return 'none';
  if (row.deciders.length > 1) return 'many';
  return scope.at(['decisions', row.index, 'decide']).some((d) => d.rule === 'rapid/multiple-deciders') ? 'many' : 'one';
}

export function renderRapid(scope: Scope): { title: string; body: string } {
  const title = titleOf(scope);
  const matrix = rapidMatrix(scope.doc);
  const paths: Path[] = matrix.rows.map((r) => ['decisions', r.index]);
  if (!matrix.rows.length) {
    return { title, body: article(scope, html`${header(scope, title)}${empty('No decisions yet: list each decision with who recommends, agrees, performs, gives input and decides.')}${scope.checks(paths)}`).value };
  }
  const heads = matrix.parties.map((p) => {
    const { label, detail } = partyName(scope, p.name);
    const total = scope.workspace?.decisionsDecidedBy(p.name);
    const tip = [detail, total ? `decides ${total} decision${total === 1 ? '' : 's'} across the workspace` : undefined].filter(Boolean).join('\n');
    return html`<th scope="col" class="ik-party"${tip ? html` title="${tip}"` : ''}><span class="ik-party-name">${label}</span>${detail ? html`<span class="ik-party-id">${p.name}</span>` : ''}</th>`;
  });
  const body = matrix.rows.map((row) => {
    const path: Path = ['decisions', row.index];
    const flag = scope.flag(path);
    const state = deciderState(scope, row);
    const statusText = text(row.item.status);
    const status = token(statusText, RAPID_STATUS);
    const outcome = text(row.item.outcome);
    const notes = text(row.item.notes);
    const due = text(row.item.due);
    const marker =
      state === 'none'
        ? html`<span class="ik-row-flag">no D</span>`
        : state === 'many'
          ? html`<span class="ik-row-flag">${row.deciders.length > 1 ? row.deciders.length : 'several'} Ds</span>`
          : '';
    const cells = matrix.parties.map((p) => {
      const held = row.roles.get(p.key) ?? [];
      if (!held.length) return html`<td class="ik-cell-empty"></td>`;
      const tip = held.map((r) => RAPID_ROLES[r]).join('\n');
      return html`<td class="ik-cell${held.length > 1 ? ' ik-cell-multi' : ''}" data-path="decisions.${row.index}.${held[0]}" title="${tip}">${held.map((r) => html`<span class="ik-letter ik-role-${r}">${LETTER[r]}</span>`)}</td>`;
    });
    return html`<tr class="ik-rapid-row ik-deciders-${state} ${flag.cls}" data-path="${path.join('.')}"${flag.title ? html` title="${flag.title}"` : ''}><th scope="row" class="ik-decision-cell"><span class="ik-decision-text">${row.decision ?? row.id ?? '(no decision text)'}</span>${marker}<span class="ik-decision-meta">${row.id ? html`<code class="ik-id">${row.id}</code>` : ''}${statusText ? badge(statusText, `ik-rapid-${status}`, `decisions.${row.index}.status`) : ''}${due ? html`<span class="ik-due" data-path="decisions.${row.index}.due">due ${due}</span>` : ''}</span>${outcome ? html`<span class="ik-outcome" data-path="decisions.${row.index}.outcome">${outcome}</span>` : ''}${notes ? html`<span class="ik-notes" data-path="decisions.${row.index}.notes">${notes}</span>` : ''}</th>${cells}</tr>`;
  });
  const max = Math.max(0, ...matrix.ds.values());
  const footer = html`<tfoot><tr class="ik-rapid-ds"><th scope="row">Ds held <span class="ik-muted">in this charter</span></th>${matrix.parties.map((p) => {
    const count = matrix.ds.get(p.key) ?? 0;
    return html`<td class="ik-ds${count && count === max ? ' ik-ds-most' : ''}${count ? '' : ' ik-ds-zero'}">${count}</td>`;
  })}</tr></tfoot>`;
  const table = html`<div class="ik-table-wrap"><table class="ik-table ik-rapid"><thead><tr><th scope="col" class="ik-decision-head">Decision</th>${heads}</tr></thead><tbody>${body}</tbody>${footer}</table></div>`;
  return { title, body: article(scope, html`${header(scope, title)}${table}${legend()}${scope.checks(paths)}`).value };
}

// ---------------------------------------------------------------- Markdown export

/** Text for a Markdown table cell: `|` escaped, markup and links neutralised, one line. */
export function markdownCell(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|]/g, (c) => `\\${c}`);
}

/**
 * The charter as a Markdown table for code-hosting sites: one row per decision, one column per
 * party, R/A/P/I/D letters in the cells, and a footer row with each party's Ds. Roster names are
 * used in the header when a workspace is given.
 */
export function rapidMarkdownTable(doc: ParsedDocument, workspace?: WorkspaceView): string {
  const matrix = rapidMatrix(doc);
  const scope = new Scope(doc, { workspace });
  const head = ['Decision', ...matrix.parties.map((p) => scope.partyLabel(p.name))].map(markdownCell);
  const lines = [`| ${head.join(' | ')} |`, `| ${['---', ...matrix.parties.map(() => ':-:')].join(' | ')} |`];
  for (const row of matrix.rows) {
    const flag = row.deciders.length === 0 ? ' ⚠ no D' : row.deciders.length > 1 ? ` ⚠ ${row.deciders.length} Ds` : '';
    const label = markdownCell(row.decision ?? row.id ?? '(no decision text)') + flag;
    const cells = matrix.parties.map((p) => (row.roles.get(p.key) ?? []).map((r) => LETTER[r]).join(' '));
    lines.push(`| ${[label, ...cells].join(' | ')} |`);
  }
  if (matrix.rows.length) lines.push(`| ${['**Ds held**', ...matrix.parties.map((p) => String(matrix.ds.get(p.key) ?? 0))].join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}
