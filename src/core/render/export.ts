import type { ParsedDocument } from '../parse';
import type { RenderContext } from './context';
import { renderDocument } from './document';
import { BASE_CSS, exportPalette } from './styles';
import { CHANGE_STATUS } from '../schemas/kinds';
import { escapeHtml } from './html';
import { n, textWidth, wrap } from './svg';
import { inlineStyles } from './flatten';

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
  /** Mark the items the checks found problems in (default); false draws the picture alone, for a slide. */
  findings?: boolean;
  /** The document's title above the diagram and its legend below (default), as a slide or a page needs. */
  frame?: boolean;
  /**
   * Styles written on each element as attributes, colours resolved (no `<style>`, no `var()`):
   * for rasterisers that read no CSS variables, as PNG export needs.
   */
  flat?: boolean;
  /** The text's font stack instead of the system fonts (a rasteriser has only the fonts it is given). */
  fontFamily?: string;
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
function svgCss(theme: 'light' | 'dark', fontFamily?: string): string {
  return `${exportPalette(theme)}${BASE_CSS}svg.ik-svg{background:var(--ik-bg);max-width:none}${fontFamily ? `:root{--ik-font:${fontFamily}}` : ''}`;
}

function svgStyle(css: string): string {
  return `<style><![CDATA[${css.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]></style>`;
}

const TITLE_SIZE = 24;
const KEY_SIZE = 13;
const FRAME_MARGIN = 24;

/** One entry of a legend drawn inside an exported SVG: a swatch (by its classes) and its words. */
interface KeyEntry {
  cls: string;
  shape: 'box' | 'dot' | 'bar' | 'outline';
  words: string;
}

/**
 * What the marks of a diagram mean, in words that work on paper (no "hover"). Run and control
 * charts carry their own legend inside the picture. A finding's outline is explained only when
 * one is drawn.
 */
function keyOf(svg: string, flagged: boolean): KeyEntry[] {
  const entries: KeyEntry[] = [];
  if (/^<svg class="ik-svg ik-driver-svg/.test(svg)) {
    for (const s of CHANGE_STATUS) entries.push({ cls: `ik-status-${s}`, shape: 'box', words: s });
    entries.push({ cls: 'ik-pdsa-doing', shape: 'dot', words: 'PDSA cycle (colour: planning, doing, studying, done)' });
  } else if (/^<svg class="ik-svg ik-org-svg/.test(svg)) {
    entries.push({ cls: 'ik-span-ok', shape: 'bar', words: 'span within its limit' });
    entries.push({ cls: 'ik-span-near', shape: 'bar', words: 'close to its limit' });
    entries.push({ cls: 'ik-span-over', shape: 'bar', words: 'over its limit' });
  } else return entries;
  if (flagged) entries.push({ cls: 'ik-flag ik-flag-warning', shape: 'outline', words: 'outlined: a finding of the checks (improvekit check)' });
  return entries;
}

/** The legend's marks and words in rows no wider than `width`; returns the markup and its height. */
function keyRows(entries: readonly KeyEntry[], x: number, y: number, width: number): { markup: string; height: number } {
  let cx = x;
  let row = 0;
  const rowHeight = KEY_SIZE + 12;
  const parts: string[] = [];
  for (const e of entries) {
    const w = 22 + textWidth(e.words, KEY_SIZE) + 20;
    if (cx > x && cx + w > x + width) {
      cx = x;
      row++;
    }
    const top = y + row * rowHeight;
    const swatch =
      e.shape === 'dot'
        ? `<circle cx="${n(cx + 7)}" cy="${n(top + 7)}" r="6"/>`
        : e.shape === 'bar'
          ? `<rect x="${n(cx)}" y="${n(top + 3)}" width="16" height="8" rx="4"/>`
          : `<rect x="${n(cx)}" y="${n(top)}" width="16" height="14" rx="3"/>`;
    parts.push(`<g class="ik-key ik-key-${e.shape} ${e.cls}">${swatch}<text x="${n(cx + 22)}" y="${n(top + 11.5)}">${escapeHtml(e.words)}</text></g>`);
    cx += w;
  }
  return { markup: `<g class="ik-export-legend">${parts.join('')}</g>`, height: entries.length ? (row + 1) * rowHeight : 0 };
}

/**
 * The diagram inside a frame: the document's title above it and its legend below, in the same
 * `<svg>` (a slide or a sheet of paper has no page around it). The diagram keeps its coordinates,
 * moved down by the title's height.
 */
function framed(svg: string, title: string, flagged: boolean): string {
  const box = /\sviewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg.slice(0, svg.indexOf('>')));
  if (!box) return svg;
  const width = Number(box[1]);
  const height = Number(box[2]);
  const titleLines = wrap(title, width - 2 * FRAME_MARGIN, TITLE_SIZE, 2, true);
  const head = FRAME_MARGIN + titleLines.length * (TITLE_SIZE + 6);
  const key = keyRows(keyOf(svg, flagged), FRAME_MARGIN, head + height + 8, width - 2 * FRAME_MARGIN);
  const total = head + height + (key.height ? key.height + 8 + FRAME_MARGIN / 2 : 0);
  const open = svg.indexOf('>') + 1;
  const close = svg.lastIndexOf('</svg>');
  const tag = svg
    .slice(0, open)
    .replace(/\sviewBox="[^"]*"/, ` viewBox="0 0 ${n(width)} ${n(total)}"`)
    .replace(/\sheight="[^"]*"/, ` height="${n(total)}"`);
  const inner = svg.slice(open, close);
  // The `<title>` stays first, for screen readers and file browsers.
  const titleTag = /^<title>[\s\S]*?<\/title>/.exec(inner)?.[0] ?? '';
  const heading = titleLines.map((line, i) => `<tspan x="${FRAME_MARGIN}" dy="${i === 0 ? 0 : TITLE_SIZE + 6}">${escapeHtml(line)}</tspan>`).join('');
  return `${tag}${titleTag}<text class="ik-export-title" x="${FRAME_MARGIN}" y="${n(FRAME_MARGIN + TITLE_SIZE - 4)}">${heading}</text><g class="ik-export-diagram" transform="translate(0 ${n(head)})">${inner.slice(titleTag.length)}</g>${key.markup}</svg>`;
}

/** A diagram of the page as a file of its own: the XML declaration and the styles inside the `<svg>`. */
function standalone(svg: string, theme: 'light' | 'dark', flat: boolean, fontFamily?: string): string {
  const open = svg.indexOf('>') + 1;
  // Reveal-on-click and keyboard focus belong to the preview; a file keeps only the picture.
  const tag = svg.slice(0, open).replace(/\s(?:tabindex|data-[a-z-]+)="[^"]*"/g, '');
  const rest = svg.slice(open).replace(/\s(?:tabindex|data-[a-z-]+)="[^"]*"/g, '');
  const css = svgCss(theme, fontFamily);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${flat ? inlineStyles(tag + rest, css) : `${tag}${svgStyle(css)}${rest}`}\n`;
}

/**
 * Every diagram of a document, each as a standalone SVG file (none for charters, message maps,
 * rosters): landscape, titled, with a legend and the findings marked unless asked otherwise.
 */
export function renderSvgs(doc: ParsedDocument, options: SvgOptions = {}): SvgDiagram[] {
  const { theme = 'light', findings = true, frame = true, layout = 'landscape', flat = false, fontFamily, ...context } = options;
  const { title, body } = renderDocument(doc, { ...context, layout, diagnostics: findings ? context.diagnostics : [] });
  return (body.match(DIAGRAM) ?? []).map((svg) => {
    const flagged = findings && /\bik-flag\b/.test(svg);
    return { label: decode(LABEL.exec(svg)?.[1] ?? ''), svg: standalone(frame ? framed(svg, title, flagged) : svg, theme, flat, fontFamily) };
  });
}

/** The document's first diagram as a standalone SVG file, or undefined when it draws none. */
export function renderSvg(doc: ParsedDocument, options: SvgOptions = {}): string | undefined {
  return renderSvgs(doc, options)[0]?.svg;
}
