import type { ParsedDocument } from '../parse';
import type { RenderContext } from './context';
import { renderDocument } from './document';
import { BASE_CSS, exportPalette } from './styles';

/** The diagrams a document draws as SVG: a driver diagram, a run chart, an org chart. */
export interface SvgDiagram {
  /** What the diagram shows, from its `aria-label` (`Org chart: Team Lead model`). */
  label: string;
  /** A standalone SVG file: XML declaration, the diagram, its styles inlined. */
  svg: string;
}

export interface SvgOptions extends RenderContext {
  /** The palette inlined in the file; light unless asked (a file outlives the editor's theme). */
  theme?: 'light' | 'dark';
}

// The diagrams of the renderers are the `<svg class="ik-svg …">` elements of a rendered document
// (the message map's meters are small `ik-meter-bar` SVGs, not diagrams). Renderers escape every
// `<` of document text, so the first `</svg>` after an opening tag is its own.
const DIAGRAM = /<svg class="ik-svg\b[^>]*>[\s\S]*?<\/svg>/g;

const LABEL = /^<svg\b[^>]*\saria-label="([^"]*)"/;

function decode(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&');
}

/**
 * The stylesheet of a standalone SVG. In an SVG file `:root` is the `<svg>` element, so the
 * palette's variables land where the diagram's classes read them. `]]>` cannot occur in our
 * constant CSS, but it is split anyway so the CDATA section always closes where intended.
 */
function svgStyle(theme: 'light' | 'dark'): string {
  const css = `${exportPalette(theme)}${BASE_CSS}svg.ik-svg{background:var(--ik-bg);max-width:none}`;
  return `<style><![CDATA[${css.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]></style>`;
}

/** A diagram of the page as a file of its own: the XML declaration and the styles inside the `<svg>`. */
function standalone(svg: string, theme: 'light' | 'dark'): string {
  const open = svg.indexOf('>') + 1;
  // Reveal-on-click and keyboard focus belong to the preview; a file keeps only the picture.
  const tag = svg.slice(0, open).replace(/\s(?:tabindex|data-[a-z-]+)="[^"]*"/g, '');
  const rest = svg.slice(open).replace(/\s(?:tabindex|data-[a-z-]+)="[^"]*"/g, '');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${tag}${svgStyle(theme)}${rest}\n`;
}

/** Every diagram of a document, each as a standalone SVG file (none for charters, message maps, rosters). */
export function renderSvgs(doc: ParsedDocument, options: SvgOptions = {}): SvgDiagram[] {
  const { theme = 'light', ...context } = options;
  const { body } = renderDocument(doc, context);
  return (body.match(DIAGRAM) ?? []).map((svg) => ({ label: decode(LABEL.exec(svg)?.[1] ?? ''), svg: standalone(svg, theme) }));
}

/** The document's first diagram as a standalone SVG file, or undefined when it draws none. */
export function renderSvg(doc: ParsedDocument, options: SvgOptions = {}): string | undefined {
  return renderSvgs(doc, options)[0]?.svg;
}
