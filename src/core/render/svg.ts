import { html, type Html, type Content } from './html';

/**
 * SVG text has no wrapping, and a pure renderer cannot measure fonts, so widths are estimated
 * from typical proportions of a sans-serif face (in ems). Estimates err wide, so text fits.
 */
function charEm(c: string): number {
  if (c === ' ') return 0.28;
  if ('iljtf.,;:!|\'"()[]'.includes(c)) return 0.3;
  if ('rI-/'.includes(c)) return 0.38;
  if ('mwMW@%'.includes(c)) return 0.86;
  if (c >= 'A' && c <= 'Z') return 0.68;
  if (c >= '0' && c <= '9') return 0.56;
  if (c.charCodeAt(0) > 0x2e80) return 1; // CJK and other wide scripts
  return 0.54;
}

/** Fonts differ (DejaVu Sans is about 10% wider than Segoe UI or SF): estimate for the wide ones. */
const SAFETY = 1.1;

export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const c of text) em += charEm(c);
  return em * fontSize * SAFETY * (bold ? 1.08 : 1);
}

/** Breaks text into lines no wider than `width`; at most `maxLines`, the last one ellipsed. */
export function wrap(text: string, width: number, fontSize: number, maxLines = Infinity, bold = false): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const push = (l: string) => lines.push(l);
  const limit = width / (fontSize * SAFETY * (bold ? 1.08 : 1));
  for (let word of words) {
    // Lines past the last shown one are never drawn: stop measuring (a document may hold megabytes).
    if (lines.length > maxLines) break;
    // A word longer than the line is cut into pieces: the longest head that fits, at least one
    // character, found in one pass (cutting from the end made a long word cost its length cubed).
    while (lines.length <= maxLines && textWidth(word, fontSize, bold) > width) {
      let cut = 0;
      let em = 0;
      for (const c of word) {
        if (cut > 0 && em + charEm(c) > limit) break;
        em += charEm(c);
        cut += c.length;
      }
      if (line) {
        push(line);
        line = '';
      }
      push(word.slice(0, cut));
      word = word.slice(cut);
    }
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, fontSize, bold) <= width) line = candidate;
    else {
      push(line);
      line = word;
    }
  }
  if (line) push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    let last = kept[maxLines - 1];
    while (last && textWidth(`${last}…`, fontSize, bold) > width) last = last.slice(0, -1);
    kept[maxLines - 1] = `${last.trimEnd()}…`;
    return kept;
  }
  return lines;
}

/** A multi-line `<text>`: one `<tspan>` per line. */
export function textBlock(lines: readonly string[], x: number, y: number, lineHeight: number, cls: string, anchor?: 'start' | 'middle' | 'end'): Html {
  if (!lines.length) return html``;
  return html`<text class="${cls}" x="${n(x)}" y="${n(y)}"${anchor && anchor !== 'start' ? html` text-anchor="${anchor}"` : ''}>${lines.map(
    (line, i) => html`<tspan x="${n(x)}" dy="${i === 0 ? 0 : lineHeight}">${line}</tspan>`,
  )}</text>`;
}

/** A number for an SVG attribute: at most two decimals. */
export function n(value: number): string {
  if (!Number.isFinite(value)) return '0';
  return String(Math.round(value * 100) / 100);
}

/** The outer `<svg>` of a diagram, sized to its content and scalable (the viewBox keeps proportions). */
export function svgRoot(width: number, height: number, cls: string, label: string, body: Content): Html {
  return html`<svg class="ik-svg ${cls}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" aria-label="${label}"><title>${label}</title>${body}</svg>`;
}

/** A diagram figure: the SVG in a pannable frame (preview.js adds zoom), with a caption. */
export function figure(svg: Html, cls: string, caption?: Content): Html {
  return html`<figure class="ik-figure ${cls}"><div class="ik-diagram" data-zoom="1">${svg}</div>${caption ? html`<figcaption>${caption}</figcaption>` : ''}</figure>`;
}
