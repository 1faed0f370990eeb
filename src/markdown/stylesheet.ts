/**
 * The stylesheet of our blocks in the editor's Markdown preview (`media/markdown.css`, contributed
 * through `markdown.previewStyles`). It is the preview's own stylesheet scoped to `.ik-md`, with
 * a palette chosen by the preview's body class: `vscode-light`, `vscode-dark`, `vscode-high-contrast`.
 * A contributed stylesheet is a static file, so it is generated from `BASE_CSS` and kept in step by a test.
 */
import { BASE_CSS, exportPalette } from '../core/render/styles';

/** The declarations of a palette's first `:root{…}` block. */
function declarations(theme: 'light' | 'dark'): string {
  const match = /^:root\{([^}]*)\}/.exec(exportPalette(theme));
  if (!match) throw new Error(`The ${theme} palette has no :root block`);
  return match[1];
}

/** `BASE_CSS` without what would reach outside our blocks (the `:root` palette, the `*` reset). */
export function scopedBaseCss(): string {
  const root = /^\s*:root\{[^}]*\}\s*/;
  const reset = '*,*::before,*::after{box-sizing:border-box}';
  if (!root.test(BASE_CSS) || !BASE_CSS.includes(reset)) throw new Error('BASE_CSS changed shape: update src/markdown/stylesheet.ts');
  return BASE_CSS.replace(root, '').replace(reset, '.ik-md,.ik-md *,.ik-md *::before,.ik-md *::after{box-sizing:border-box}');
}

const HEADER = `/*
 * Improvekit blocks (\`\`\`rapid-charter and the other kinds) in VS Code's Markdown preview.
 * Generated from src/core/render/styles.ts by \`npm run build:markdown-css\`: do not edit by hand.
 */
`;

export function markdownPreviewCss(): string {
  // The editor's colours where the preview has them, our palettes where it does not.
  const editor = (fg: string, bg: string) => `--ik-fg:var(--vscode-editor-foreground,${fg});--ik-bg:var(--vscode-editor-background,${bg});--ik-canvas:var(--ik-bg);`;
  const light = declarations('light');
  const dark = declarations('dark');
  // High contrast: no tints, borders and edges in the theme's contrast colour.
  const contrast = '--ik-tint:0%;--ik-border:var(--vscode-contrastBorder,currentColor);--ik-edge:var(--vscode-contrastBorder,currentColor);--ik-surface:var(--ik-bg);--ik-surface-2:var(--ik-bg);';
  const color = (decls: string, name: string) => new RegExp(`--ik-${name}:([^;]+);`).exec(decls)?.[1] ?? 'currentColor';
  return `${HEADER}
.ik-md{${light}--ik-tint:12%;${editor(color(light, 'fg'), color(light, 'bg'))}--ik-font:var(--markdown-font-family,var(--vscode-font-family,system-ui,sans-serif));--ik-font-size:1em;margin:1.2em 0;color:var(--ik-fg);font-family:var(--ik-font);line-height:1.5}
body.vscode-dark .ik-md{${dark}${editor(color(dark, 'fg'), color(dark, 'bg'))}}
body.vscode-high-contrast .ik-md{${dark}${editor(color(dark, 'fg'), color(dark, 'bg'))}${contrast}}
body.vscode-high-contrast-light .ik-md{${light}${editor(color(light, 'fg'), color(light, 'bg'))}${contrast}}
body.vscode-high-contrast .ik-md .ik-node-box,body.vscode-high-contrast-light .ik-md .ik-node-box{fill:var(--ik-bg) !important;stroke:var(--vscode-contrastBorder,currentColor);stroke-width:2}
body.vscode-high-contrast .ik-md .ik-node.ik-flag .ik-node-box,body.vscode-high-contrast-light .ik-md .ik-node.ik-flag .ik-node-box{stroke:var(--sev);stroke-width:3}
.ik-md .ik-doc h1,.ik-md .ik-doc h2,.ik-md .ik-doc h3{border-bottom:0;padding-bottom:0}
.ik-md .ik-doc table{margin:0}
.ik-md .ik-doc:first-child{margin-top:0}
${scopedBaseCss().trim()}
`;
}
