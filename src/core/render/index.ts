/**
 * Document → HTML/SVG, pure: no `vscode`, no Node built-ins, so the same code renders the editor
 * preview, the CLI's export and a browser. Loaded lazily by the extension (keep it off the
 * activation path: nothing else in core imports this folder).
 */
export { renderDocument } from './document';
export { escapeHtml, escapeAttr } from './html';
export { renderPage, renderBody, EXPORT_CSP, type PageOptions, type RenderedDocument } from './page';
export { toMermaid, mermaidLabel } from './mermaid';
export { rapidMarkdownTable, markdownCell } from './rapid';
export type { RenderContext } from './context';
export { renderSvg, renderSvgs, type SvgDiagram, type SvgOptions } from './export';
