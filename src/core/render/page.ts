import { escapeAttr, escapeHtml } from './html';
import { BASE_CSS, PRINT_CSS, exportPalette } from './styles';

/** A rendered document: its title and an HTML fragment (one `<article>`). */
export interface RenderedDocument {
  title: string;
  body: string;
}

export interface PageOptions {
  title: string;
  /**
   * The webview's script nonce. With it the page is a webview page (CSP with the nonce, the
   * preview script); without it the page is an export: self-contained, with no script at all.
   */
  nonce?: string;
  /** The webview's `cspSource`, allowed for styles, images and fonts. */
  cspSource?: string;
  /** Put the whole stylesheet, palette included, in the page (exports); else the palette comes from `styleUri`. */
  inlineCss: boolean;
  /** The palette of an inlined stylesheet: light, dark, or the reader's preference (default). */
  theme?: 'light' | 'dark' | 'auto';
  /** Webview: URI of `media/preview.css` (VS Code theme colours, zoom controls). */
  styleUri?: string;
  /** Webview: URI of `media/preview.js`; loaded only with a nonce. */
  scriptUri?: string;
}

/** The CSP of an exported page: nothing but inline styles and data images. */
export const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** A nonce as a CSP token: base64 characters only, so it cannot end its source or directive. */
function nonceToken(value: string): string {
  return value.replace(/[^A-Za-z0-9+/=_-]/g, '');
}

/** The webview's source list: scheme-and-host sources only (no quotes, `;` or bare `*`). */
function sourceList(value: string): string {
  return value
    .split(/\s+/)
    .filter((s) => /^[a-z][a-z0-9+.-]*:(\/\/)?[a-z0-9*+.:/_%-]*$/i.test(s))
    .join(' ');
}

/** The inside of `#ik-root`: what a webview swaps on `{type: 'update', html}`. */
export function renderBody(fragments: readonly RenderedDocument[]): string {
  if (!fragments.length) return '<p class="ik-empty">This file holds no Improvekit document.</p>';
  return fragments.map((f) => f.body).join('\n');
}

/** A complete HTML page of rendered documents, for a webview or for export. */
export function renderPage(fragments: readonly RenderedDocument[], options: PageOptions): string {
  const theme = options.theme ?? 'auto';
  const webview = typeof options.nonce === 'string' && options.nonce.length > 0;
  const nonce = webview ? nonceToken(options.nonce!) : '';
  const source = options.cspSource ? sourceList(options.cspSource) : '';
  const csp = webview
    ? `default-src 'none'; img-src ${source ? `${source} ` : ''}data:; style-src ${source ? `${source} ` : ''}'nonce-${nonce}'; font-src ${source || "'none'"}; script-src 'nonce-${nonce}'`
    : EXPORT_CSP;
  const css = options.inlineCss ? `${exportPalette(theme)}${BASE_CSS}${PRINT_CSS}` : webview ? `${BASE_CSS}${PRINT_CSS}` : '';
  const head = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="color-scheme" content="${theme === 'auto' ? 'light dark' : theme}">`,
    '<meta name="generator" content="Improvekit">',
    // Marks preview code: the benchmark checks that the activation bundle does not contain it.
    '<meta name="renderer" content="improvekit-preview-renderer">',
    `<title>${escapeHtml(options.title)}</title>`,
    css ? `<style${webview ? ` nonce="${escapeAttr(nonce)}"` : ''}>${css}</style>` : '',
    webview && options.styleUri ? `<link rel="stylesheet" href="${escapeAttr(safeUri(options.styleUri))}">` : '',
  ].filter(Boolean);
  const script = webview && options.scriptUri ? `<script nonce="${escapeAttr(nonce)}" src="${escapeAttr(safeUri(options.scriptUri))}"></script>` : '';
  const footer = webview ? '' : '<footer class="ik-footer">Made with Improvekit</footer>';
  return `<!DOCTYPE html>
<html lang="en" data-theme="${escapeAttr(theme)}">
<head>
${head.join('\n')}
</head>
<body class="ik-body${webview ? ' ik-webview' : ' ik-export'}">
<main id="ik-root" class="ik-page">
${renderBody(fragments)}
</main>
${footer}${script}
</body>
</html>
`;
}

/** Only URIs the extension hands in reach `href`/`src`; a `javascript:` one is refused all the same. */
function safeUri(uri: string): string {
  return /^\s*(javascript|data|vbscript):/i.test(uri) ? '' : uri;
}
