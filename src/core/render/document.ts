/** One document as an HTML fragment: the renderer of its kind, or a notice when it cannot be drawn. */
import type { ParsedDocument } from '../parse';
import type { Kind } from '../kinds';
import { html } from './html';
import { Scope, type RenderContext } from './context';
import { article, empty, header, kindLabel } from './parts';
import type { RenderedDocument } from './page';
import { renderDriver } from './driver';
import { renderPdsa } from './pdsa';
import { renderMeasure } from './measure';
import { renderRapid } from './rapid';
import { renderLeadership } from './leadership';
import { renderMessage } from './message';
import { renderRoster } from './roster';

/**
 * The renderer of each kind. Kept out of the kind specs (src/core/kinds) so that the editor's
 * activation never loads drawing code; keyed by `Kind`, so a new kind without one does not compile.
 */
const RENDERERS: Record<Kind, (scope: Scope) => RenderedDocument> = {
  'driver-diagram': renderDriver,
  'pdsa-cycle': renderPdsa,
  measure: renderMeasure,
  'rapid-charter': renderRapid,
  'leadership-model': renderLeadership,
  'message-map': renderMessage,
  roster: renderRoster,
};

function unreadable(scope: Scope): RenderedDocument {
  const doc = scope.doc;
  const title = doc.id ?? kindLabel(doc.kind);
  const problems = doc.syntax.map((p) => html`<li>${p.message}</li>`);
  const body = article(
    scope,
    html`${header(scope, title)}<div class="ik-notice"><p><strong>This ${kindLabel(doc.kind).toLowerCase()} cannot be shown yet.</strong> ${doc.syntax.length ? 'Its YAML has problems: fix them and the preview follows.' : 'A document must be a mapping that starts with `kind:` and `id:`.'}</p>${problems.length ? html`<ul>${problems}</ul>` : ''}</div>${scope.checks([])}`,
  );
  return { title, body: body.value };
}

function failed(scope: Scope, error: unknown): RenderedDocument {
  const title = scope.doc.id ?? kindLabel(scope.doc.kind);
  const message = error instanceof Error ? error.message : String(error);
  const body = article(scope, html`${header(scope, title)}<div class="ik-notice"><p><strong>The preview could not draw this document.</strong> ${message}</p></div>${empty('Please report it, with the document if you can.')}${scope.checks([])}`);
  return { title, body: body.value };
}

/**
 * Renders one document as an HTML fragment (an `<article>`), with its title. Documents may be
 * partly invalid: what can be read is drawn, and diagnostics mark the items they point into.
 * Every element drawn from a source item carries `data-path` (`decisions.0`) for reveal-on-click.
 */
export function renderDocument(doc: ParsedDocument, context: RenderContext = {}): RenderedDocument {
  const scope = new Scope(doc, context);
  if (doc.syntax.length || !doc.data) return unreadable(scope);
  try {
    return RENDERERS[doc.kind](scope);
  } catch (error) {
    return failed(scope, error);
  }
}
