/**
 * Document → HTML/SVG, pure: no `vscode`, no Node built-ins, so the same code renders the editor
 * preview, the CLI's export and a browser. Loaded lazily by the extension (keep it off the
 * activation path: nothing else in core imports this folder).
 */
import type { ParsedDocument } from '../parse';
import { html } from './html';
import { Scope, type RenderContext } from './context';
import { article, empty, header, KIND_LABELS } from './parts';
import type { RenderedDocument } from './page';
import { renderDriver } from './driver';
import { renderPdsa } from './pdsa';
import { renderRapid } from './rapid';
import { renderLeadership } from './leadership';
import { renderMessage } from './message';
import { renderRoster } from './roster';

export { escapeHtml, escapeAttr } from './html';
export { renderPage, renderBody, EXPORT_CSP, type PageOptions, type RenderedDocument } from './page';
export { toMermaid, mermaidLabel } from './mermaid';
export { rapidMarkdownTable, markdownCell } from './rapid';
export type { RenderContext } from './context';
export { renderSvg, renderSvgs, type SvgDiagram, type SvgOptions } from './export';

function unreadable(scope: Scope): RenderedDocument {
  const doc = scope.doc;
  const title = doc.id ?? KIND_LABELS[doc.kind];
  const problems = doc.syntax.map((p) => html`<li>${p.message}</li>`);
  const body = article(
    scope,
    html`${header(scope, title)}<div class="ik-notice"><p><strong>This ${KIND_LABELS[doc.kind].toLowerCase()} cannot be shown yet.</strong> ${doc.syntax.length ? 'Its YAML has problems: fix them and the preview follows.' : 'A document must be a mapping that starts with `kind:` and `id:`.'}</p>${problems.length ? html`<ul>${problems}</ul>` : ''}</div>${scope.checks([])}`,
  );
  return { title, body: body.value };
}

function failed(scope: Scope, error: unknown): RenderedDocument {
  const title = scope.doc.id ?? KIND_LABELS[scope.doc.kind];
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
    switch (doc.kind) {
      case 'driver-diagram':
        return renderDriver(scope);
      case 'pdsa-cycle':
        return renderPdsa(scope);
      case 'rapid-charter':
        return renderRapid(scope);
      case 'leadership-model':
        return renderLeadership(scope);
      case 'message-map':
        return renderMessage(scope);
      case 'roster':
        return renderRoster(scope);
      default:
        return unreadable(scope);
    }
  } catch (error) {
    return failed(scope, error);
  }
}
