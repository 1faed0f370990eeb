import type { ParsedDocument } from '../parse';
import type { WorkspaceView } from '../rules/api';
import { items, text } from '../model/values';
import { SEVERITIES, type Diagnostic, type Path, type Position, type Severity, type Span } from '../types';
import { html, type Html } from './html';

/** Engine messages quote keys and ids in backticks: shown as code, every part escaped. */
export function codeSpans(message: string): Html {
  const parts = message.split('`');
  if (parts.length % 2 === 0) return html`${message}`; // an unpaired backtick: leave as written
  return html`${parts.map((part, i) => (i % 2 ? html`<code>${part}</code>` : part))}`;
}

/** What a renderer may know besides the document itself. */
export interface RenderContext {
  /** Diagnostics of the document's file (others are ignored); marks the items they point into. */
  diagnostics?: readonly Diagnostic[];
  /** The rest of the workspace: PDSA cycles of a change idea, ramps, roster names. */
  workspace?: WorkspaceView;
  /**
   * Maps an offset of the document's file to a line and character, to tell which item a
   * diagnostic points into. Found through the workspace when it is a `Workspace`; without it,
   * diagnostics are listed but no item is marked.
   */
  positionAt?: (offset: number) => Position;
  /**
   * A rule option as configured (`max_span` of `leadership/oversized-span`, `min_shift` of
   * `pdsa/run-chart-shift`), so pictures agree with the checks. Found through a `Workspace`'s
   * configuration when not given; the rules' defaults apply otherwise.
   */
  option?: (rule: string, name: string) => unknown;
  /**
   * How a driver diagram is laid out: `portrait` (the preview: columns of readable width, as tall
   * as they need) or `landscape` (exports: wider columns, compact nodes, near a 16:9 slide).
   */
  layout?: 'landscape' | 'portrait';
}

/** A read-only view of a `Workspace`'s extras, reached without importing the class. */
interface WorkspaceExtras {
  file?(uri: string): { lines: { positionAt(offset: number): Position } } | undefined;
  getConfig?(uri?: string): { rules: Record<string, { options?: Record<string, unknown> } | undefined> };
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Severity order: the most severe first. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** What a renderer needs: the document, its diagnostics placed on items, and the workspace. */
export class Scope {
  readonly diagnostics: readonly Diagnostic[];
  readonly workspace: WorkspaceView | undefined;
  readonly layout: 'landscape' | 'portrait';
  private readonly lookup: (rule: string, name: string) => unknown;
  private readonly positionAt: ((offset: number) => Position) | undefined;
  private readonly spans = new Map<string, { start: Position; end: Position } | null>();
  private names: Map<string, { name?: string; role?: string }> | undefined;

  constructor(
    readonly doc: ParsedDocument,
    context: RenderContext = {},
  ) {
    this.workspace = context.workspace;
    this.layout = context.layout === 'landscape' ? 'landscape' : 'portrait';
    const extras = context.workspace as (WorkspaceView & WorkspaceExtras) | undefined;
    let positionAt = context.positionAt;
    if (!positionAt && typeof extras?.file === 'function') {
      const lines = extras.file(doc.uri)?.lines;
      if (lines) positionAt = (offset) => lines.positionAt(offset);
    }
    this.positionAt = positionAt;
    this.lookup =
      context.option ??
      (typeof extras?.getConfig === 'function' ? (rule, name) => extras.getConfig!(doc.uri)?.rules?.[rule]?.options?.[name] : () => undefined);
    const own = (context.diagnostics ?? []).filter((d) => d.uri === doc.uri || !d.uri);
    const docRange = this.range(doc.span);
    this.diagnostics = docRange
      ? own.filter((d) => comparePositions(d.range.start, docRange.start) >= 0 && comparePositions(d.range.start, docRange.end) <= 0)
      : own;
  }

  /** A configured numeric rule option, else the fallback (the rule's default). */
  option(rule: string, name: string, fallback: number): number {
    let value: unknown;
    try {
      value = this.lookup(rule, name);
    } catch {
      value = undefined;
    }
    return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  }

  private range(span: Span): { start: Position; end: Position } | undefined {
    if (!this.positionAt) return undefined;
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** Diagnostics that start inside the source of a path (its key and value), most severe first. */
  at(path: Path): Diagnostic[] {
    if (!this.diagnostics.length || !this.positionAt) return [];
    const key = path.join('\u0000');
    let range = this.spans.get(key);
    if (range === undefined) {
      range = null;
      if (path.length && this.doc.has(path)) {
        const value = this.doc.locate(path, 'value');
        const name = this.doc.locate(path, 'key');
        const span = { start: Math.min(value.start, name.start), end: Math.max(value.end, name.end) };
        range = this.range(span) ?? null;
      }
      this.spans.set(key, range);
    }
    if (!range) return [];
    const { start, end } = range;
    return this.diagnostics
      .filter((d) => comparePositions(d.range.start, start) >= 0 && comparePositions(d.range.start, end) <= 0)
      .sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  }

  /** The most severe diagnostic's severity inside a path, if any. */
  severity(path: Path): Severity | undefined {
    return this.at(path)[0]?.severity;
  }

  /** Class and tooltip for an element of a path: `ik-flag ik-flag-error`, and the messages. */
  flag(path: Path): { cls: string; title: string; severity?: Severity } {
    const found = this.at(path);
    if (!found.length) return { cls: '', title: '' };
    return {
      cls: `ik-flag ik-flag-${found[0].severity}`,
      title: found.map((d) => `${d.severity}: ${d.message} (${d.rule})`).join('\n'),
      severity: found[0].severity,
    };
  }

  /** A roster's name (and role) for a person or group id, when a roster has it. */
  person(id: string): { name?: string; role?: string } | undefined {
    if (!this.names) {
      this.names = new Map();
      for (const roster of this.workspace?.documents('roster') ?? []) {
        for (const listName of ['people', 'groups']) {
          for (const { item } of items(roster.data?.[listName])) {
            const pid = text(item.id);
            if (pid && !this.names.has(pid.toLowerCase())) this.names.set(pid.toLowerCase(), { name: text(item.name), role: text(item.role) });
          }
        }
      }
    }
    return this.names.get(id.toLowerCase());
  }

  /** A party as people read it: the roster name when known, else as written. */
  partyLabel(id: string): string {
    return this.person(id)?.name ?? id;
  }

  /** The list of checks at the end of a document, each pointing at its item when one is known. */
  checks(paths: readonly Path[]): Html {
    if (!this.diagnostics.length) return html``;
    const counts = new Map<Severity, number>();
    for (const d of this.diagnostics) counts.set(d.severity, (counts.get(d.severity) ?? 0) + 1);
    const summary = SEVERITIES.filter((s) => counts.get(s)).map((s) => `${counts.get(s)} ${s === 'info' ? 'info' : s + (counts.get(s) === 1 ? '' : 's')}`);
    const owner = (d: Diagnostic): string | undefined => {
      let best: Path | undefined;
      for (const p of paths) if (this.at(p).includes(d) && (!best || p.length > best.length)) best = p;
      return best?.join('.');
    };
    const sorted = [...this.diagnostics].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || comparePositions(a.range.start, b.range.start));
    return html`<section class="ik-checks" aria-label="Checks"><h2>Checks <span class="ik-muted">${summary.join(', ')}</span></h2><ul>${sorted.map(
      (d) =>
        html`<li class="ik-check ik-check-${d.severity}"${owner(d) ? html` data-path="${owner(d)}"` : ''}><span class="ik-sev ik-sev-${d.severity}">${d.severity}</span> <span class="ik-check-line">line ${d.range.start.line + 1}</span> ${codeSpans(d.message)} <code class="ik-rule">${d.rule}</code></li>`,
    )}</ul></section>`;
  }
}
