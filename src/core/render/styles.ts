/**
 * The preview's CSS. `BASE_CSS` lays everything out from `--ik-*` variables; a palette gives the
 * variables their values: `exportPalette()` for exported pages (light, dark, or the reader's
 * preference), `media/preview.css` in the editor (VS Code theme colours, high contrast).
 * Everything is styled by class: no inline `style` attribute exists, so a strict CSP holds.
 */

interface Palette {
  fg: string;
  bg: string;
  muted: string;
  border: string;
  surface: string;
  surface2: string;
  canvas: string;
  edge: string;
  accent: string;
  blue: string;
  green: string;
  orange: string;
  purple: string;
  red: string;
  yellow: string;
  grey: string;
  error: string;
  warning: string;
  info: string;
  hint: string;
}

// Colours after GitHub's Primer palettes: tested for contrast on white and on near-black.
const LIGHT: Palette = {
  fg: '#1f2328',
  bg: '#ffffff',
  muted: '#59636e',
  border: '#d1d9e0',
  surface: '#f6f8fa',
  surface2: '#eaeef2',
  canvas: '#ffffff',
  edge: '#8c959f',
  accent: '#0969da',
  blue: '#0969da',
  green: '#1a7f37',
  orange: '#bc4c00',
  purple: '#8250df',
  red: '#cf222e',
  yellow: '#9a6700',
  grey: '#6e7781',
  error: '#cf222e',
  warning: '#bc4c00',
  info: '#0969da',
  hint: '#6e7781',
};

const DARK: Palette = {
  fg: '#e6edf3',
  bg: '#0d1117',
  muted: '#9198a1',
  border: '#3d444d',
  surface: '#151b23',
  surface2: '#262c36',
  canvas: '#0d1117',
  edge: '#656c76',
  accent: '#4493f8',
  blue: '#4493f8',
  green: '#3fb950',
  orange: '#f0883e',
  purple: '#ab7df8',
  red: '#f85149',
  yellow: '#d29922',
  grey: '#8b949e',
  error: '#f85149',
  warning: '#f0883e',
  info: '#4493f8',
  hint: '#8b949e',
};

function variables(p: Palette, scheme: 'light' | 'dark'): string {
  return `color-scheme:${scheme};--ik-fg:${p.fg};--ik-bg:${p.bg};--ik-muted:${p.muted};--ik-border:${p.border};--ik-surface:${p.surface};--ik-surface-2:${p.surface2};--ik-canvas:${p.canvas};--ik-edge:${p.edge};--ik-accent:${p.accent};--ik-blue:${p.blue};--ik-green:${p.green};--ik-orange:${p.orange};--ik-purple:${p.purple};--ik-red:${p.red};--ik-yellow:${p.yellow};--ik-grey:${p.grey};--ik-error:${p.error};--ik-warning:${p.warning};--ik-info:${p.info};--ik-hint:${p.hint};`;
}

const FONTS = `--ik-font:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;--ik-mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,monospace;--ik-font-size:15px;`;

/** The palette of an exported page: one theme, or light with dark for readers who prefer it. */
export function exportPalette(theme: 'light' | 'dark' | 'auto' = 'auto'): string {
  const light = `:root{${FONTS}${variables(LIGHT, 'light')}}`;
  const dark = `:root{${FONTS}${variables(DARK, 'dark')}}`;
  // Paper is white: print in the light palette whatever the screen shows.
  const print = `@media print{:root{${variables(LIGHT, 'light')}}}`;
  if (theme === 'light') return light + print;
  if (theme === 'dark') return dark + print;
  return `${light}@media (prefers-color-scheme:dark){:root{${variables(DARK, 'dark')}}}${print}`;
}

/**
 * Layout and components; colours come from the `--ik-*` variables of a palette (`exportPalette()`
 * or media/preview.css). No colours here: this sheet follows the palette in a page, so colours
 * on its `:root` would override a dark palette.
 */
export const BASE_CSS = `
:root{${FONTS}--ik-tint:12%}
*,*::before,*::after{box-sizing:border-box}
body.ik-body{margin:0;background:var(--ik-bg);color:var(--ik-fg);font-family:var(--ik-font);font-size:var(--ik-font-size);line-height:1.5;-webkit-font-smoothing:antialiased;text-rendering:optimizeLegibility}
.ik-page{max-width:1280px;margin:0 auto;padding:28px 32px 48px}
.ik-doc+.ik-doc{margin-top:56px;padding-top:40px;border-top:1px solid var(--ik-border)}
.ik-doc h1{font-size:1.85em;line-height:1.2;margin:0 0 8px;font-weight:650;letter-spacing:-.01em}
.ik-doc h2{font-size:1.15em;line-height:1.3;margin:32px 0 12px;font-weight:650}
.ik-doc h3{font-size:.95em;margin:20px 0 8px;font-weight:650}
.ik-doc p{margin:0 0 10px}
.ik-doc code{font-family:var(--ik-mono);font-size:.85em}
.ik-head{margin-bottom:22px}
.ik-kind{margin:0 0 4px!important;text-transform:uppercase;letter-spacing:.09em;font-size:.72em;font-weight:700;color:var(--ik-muted)}
.ik-meta{display:flex;flex-wrap:wrap;gap:4px 20px;margin:0!important;color:var(--ik-fg);font-size:.85em}
.ik-meta .ik-muted{margin-right:2px}
.ik-subtitle{margin:8px 0 0!important;font-size:1.02em}
.ik-muted{color:var(--ik-muted);font-weight:400}
.ik-id{color:var(--ik-muted);font-size:.78em!important}
.ik-tag{display:inline-block;margin-right:6px;padding:0 8px;border-radius:999px;background:var(--ik-surface-2);font-size:.92em}
.ik-empty{color:var(--ik-muted);font-style:italic}
.ik-missing{color:var(--ik-warning);font-style:italic}
.ik-nowrap{white-space:nowrap}
.ik-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.ik-label{font-size:.72em;text-transform:uppercase;letter-spacing:.09em;color:var(--ik-muted);font-weight:700;margin-right:10px}

/* tones: one variable per meaning, used by badges, bands, letters and meters */
.ik-status-idea,.ik-status-unknown,.ik-pdsa-none,.ik-pdsa-unknown,.ik-pdsa-abandoned,.ik-status-abandoned,.ik-rapid-proposed,.ik-rapid-unknown,.ik-span-none,.ik-decision-unknown,.ik-met-unknown,.ik-category-other{--tone:var(--ik-grey)}
.ik-status-testing,.ik-pdsa-doing,.ik-rapid-open,.ik-category-assistant-principal{--tone:var(--ik-blue)}
.ik-status-implementing,.ik-pdsa-done,.ik-rapid-decided,.ik-decision-adopt,.ik-met-yes,.ik-span-ok,.ik-meter-ok,.ik-category-teacher-leader{--tone:var(--ik-green)}
.ik-status-spreading,.ik-pdsa-studying,.ik-category-principal{--tone:var(--ik-purple)}
.ik-pdsa-planning,.ik-span-near,.ik-meter-near,.ik-met-partly,.ik-category-coach{--tone:var(--ik-yellow)}
.ik-decision-adapt,.ik-rapid-revisit{--tone:var(--ik-orange)}
.ik-decision-abandon,.ik-met-no,.ik-span-over,.ik-meter-over{--tone:var(--ik-red)}
.ik-flag-error{--sev:var(--ik-error)}.ik-flag-warning{--sev:var(--ik-warning)}.ik-flag-info{--sev:var(--ik-info)}.ik-flag-hint{--sev:var(--ik-hint)}

.ik-badges{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0 0!important}
.ik-badge{display:inline-block;padding:1px 10px;border-radius:999px;font-size:.78em;font-weight:650;line-height:1.6;white-space:nowrap;color:var(--tone,var(--ik-muted));background:color-mix(in srgb,var(--tone,var(--ik-muted)) var(--ik-tint),transparent);border:1px solid color-mix(in srgb,var(--tone,var(--ik-muted)) 45%,transparent)}
.ik-badge-cycle{--tone:var(--ik-fg)}
.ik-badge-aim{--tone:var(--ik-yellow)}

/* figures and SVG diagrams */
.ik-figure{margin:8px 0 28px}
.ik-diagram{overflow:auto;border:1px solid var(--ik-border);border-radius:12px;background:var(--ik-canvas);padding:14px}
.ik-figure figcaption{margin-top:10px;font-size:.85em;color:var(--ik-muted)}
.ik-svg{display:block;max-width:100%;height:auto;margin:0 auto;font-family:var(--ik-font)}
.ik-svg text{fill:var(--ik-fg);font-size:14px}
.ik-legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:0!important}
.ik-legend-item{display:inline-flex;align-items:center;gap:6px}
.ik-swatch{display:inline-block;width:14px;height:14px;border-radius:4px;border:1.5px solid var(--tone,var(--ik-border));background:color-mix(in srgb,var(--tone,transparent) 18%,transparent)}
.ik-span-swatch{background:var(--tone)}
.ik-swatch-flag{border:2.5px solid var(--ik-warning);background:transparent}
.ik-dot{display:inline-block;width:10px;height:10px;border-radius:50%;background:var(--tone)}

.ik-node-box{fill:var(--ik-bg);stroke:var(--ik-border);stroke-width:1.25}
.ik-node-band{fill:var(--tone,var(--ik-edge))}
.ik-node-title{font-size:14px}
.ik-svg .ik-node-title-aim{font-size:15px;font-weight:650}
.ik-svg .ik-node-detail,.ik-svg .ik-org-detail{font-size:12px;fill:var(--ik-muted)}
.ik-node-rule{stroke:var(--ik-border)}
.ik-node-aim{--tone:var(--ik-yellow)}
.ik-node-aim .ik-node-box{fill:color-mix(in srgb,var(--ik-yellow) 10%,var(--ik-bg));stroke:var(--ik-yellow);stroke-width:2}
.ik-node-primary{--tone:var(--ik-accent)}
.ik-node-primary .ik-node-box{fill:var(--ik-surface)}
.ik-node-secondary{--tone:var(--ik-purple)}
.ik-node-change .ik-node-box{fill:color-mix(in srgb,var(--tone,var(--ik-grey)) 8%,var(--ik-bg));stroke:color-mix(in srgb,var(--tone,var(--ik-grey)) 60%,var(--ik-bg));stroke-width:1.5}
.ik-node-change.ik-status-abandoned .ik-node-box{stroke-dasharray:5 4}
.ik-node-change.ik-status-abandoned .ik-node-title{fill:var(--ik-muted);text-decoration:line-through}
.ik-node-placeholder .ik-node-box{fill:none;stroke-dasharray:4 4}
.ik-svg .ik-node-placeholder text{fill:var(--ik-muted);font-style:italic}
.ik-node.ik-flag .ik-node-box{stroke:var(--sev);stroke-width:2.5}
.ik-node.ik-flag-hint .ik-node-box{stroke-dasharray:2 3}
.ik-flag-badge circle{fill:var(--sev)}
.ik-svg .ik-flag-badge text{fill:var(--ik-bg);font-size:13px;font-weight:800}
.ik-pill rect{fill:color-mix(in srgb,var(--tone) 16%,var(--ik-bg));stroke:color-mix(in srgb,var(--tone) 50%,transparent)}
.ik-svg .ik-pill text{fill:var(--tone);font-size:11px;font-weight:700}
.ik-cycle circle{fill:var(--tone);stroke:var(--ik-bg);stroke-width:1.5}
.ik-svg .ik-column-head{font-size:12px;font-weight:700;letter-spacing:.09em;fill:var(--ik-muted)}
.ik-svg .ik-column-count{font-weight:400}
.ik-svg .ik-export-title{font-size:24px;font-weight:700}
.ik-svg .ik-key text{font-size:13px;fill:var(--ik-muted)}
.ik-key-box rect,.ik-key-dot circle,.ik-key-bar rect{fill:var(--tone)}
.ik-key-outline rect{fill:var(--ik-surface);stroke:var(--sev);stroke-width:2.5}
.ik-edge{fill:none;stroke:var(--ik-edge);stroke-width:1.6}
.ik-edge-skip{stroke-dasharray:6 4}

/* run chart */
.ik-rc-grid{stroke:var(--ik-border);stroke-width:1}
.ik-rc-axis{stroke:var(--ik-muted);stroke-width:1}
.ik-svg .ik-rc-tick{font-size:11px;fill:var(--ik-muted)}
.ik-rc-line{fill:none;stroke:var(--ik-accent);stroke-width:2;stroke-linejoin:round}
.ik-rc-point circle{fill:var(--ik-bg);stroke:var(--ik-accent);stroke-width:2}
.ik-rc-point.ik-rc-trend circle{fill:var(--ik-purple);stroke:var(--ik-purple)}
.ik-rc-point.ik-rc-shift circle{fill:var(--ik-orange);stroke:var(--ik-orange)}
.ik-rc-point.ik-rc-shift.ik-rc-trend circle{fill:var(--ik-orange);stroke:var(--ik-purple);stroke-width:3}
.ik-rc-point circle.ik-rc-note-ring{fill:none;stroke:var(--ik-muted);stroke-width:1;stroke-dasharray:2 2}
.ik-rc-median line{stroke:var(--ik-fg);stroke-width:1.5;stroke-dasharray:6 4}
.ik-svg .ik-rc-median text{font-size:12px;font-weight:700}
.ik-rc-shift-band rect{fill:color-mix(in srgb,var(--ik-orange) 12%,transparent);stroke:var(--ik-orange);stroke-dasharray:3 3}
.ik-svg .ik-rc-shift-band text{fill:var(--ik-orange);font-size:11px;font-weight:700}
.ik-rc-trend-line path{fill:none;stroke:var(--ik-purple);stroke-width:9;stroke-linecap:round;stroke-linejoin:round;opacity:.28}
.ik-svg .ik-rc-trend-line text{fill:var(--ik-purple);font-size:11px;font-weight:700}
.ik-svg .ik-rc-runs-flag text{fill:var(--ik-red);font-size:12px;font-weight:700}
.ik-rc-summary p{margin:0 0 6px}
.ik-signals{margin:0;padding-left:18px}
.ik-signal-shift::marker{color:var(--ik-orange)}.ik-signal-trend::marker{color:var(--ik-purple)}.ik-signal-runs::marker{color:var(--ik-red)}
.ik-figure-runchart .ik-diagram{display:inline-block;max-width:100%}
.ik-figure-runchart figcaption{max-width:760px}

/* measure: control and run charts; --verdict tells improvement (blue) from concern (orange), after NHS Making Data Count */
.ik-verdict-improvement{--verdict:var(--ik-blue)}.ik-verdict-concern{--verdict:var(--ik-orange)}.ik-verdict-neutral{--verdict:var(--ik-purple)}
.ik-verdict-stable{--verdict:var(--ik-fg)}.ik-verdict-few,.ik-verdict-none{--verdict:var(--ik-muted)}.ik-verdict-key{--verdict:var(--ik-fg)}
.ik-svg text.ik-ch-tick,.ik-svg .ik-ch-tick tspan{font-size:11px;fill:var(--ik-muted)}
.ik-ch-grid{stroke:var(--ik-border);stroke-width:1;opacity:.7}
.ik-ch-axis,.ik-ch-xtick{stroke:var(--ik-muted);stroke-width:1}
.ik-ch-line{fill:none;stroke:var(--ik-grey);stroke-width:1.5;stroke-linejoin:round}
.ik-ch-point{fill:var(--ik-fg);stroke:var(--ik-bg);stroke-width:.8}
.ik-ch-point.ik-flag-error,.ik-ch-point.ik-flag-warning{stroke:var(--sev);stroke-width:2.5}
.ik-ch-cl{fill:none;stroke:var(--ik-green);stroke-width:1.6}
.ik-ch-limit{fill:none;stroke:var(--ik-red);stroke-width:1.3;opacity:.85}
.ik-ch-carried{stroke-dasharray:6 4}
.ik-ch-target path{fill:none;stroke:var(--ik-accent);stroke-width:1.4;stroke-dasharray:2 3}
.ik-svg .ik-ch-label{font-size:11px;font-weight:700;paint-order:stroke;stroke:var(--ik-canvas);stroke-width:3px;stroke-linejoin:round}
.ik-svg .ik-ch-cl-label{fill:var(--ik-green)}.ik-svg .ik-ch-limit-label{fill:var(--ik-red)}.ik-svg .ik-ch-target-label{fill:var(--ik-accent)}
.ik-ch-divider{stroke:var(--ik-muted);stroke-width:1;stroke-dasharray:3 3}
.ik-svg .ik-ch-phase-label{font-size:12px;font-weight:650;fill:var(--ik-fg)}
.ik-ch-phase.ik-flag-error .ik-ch-phase-label,.ik-ch-phase.ik-flag-warning .ik-ch-phase-label{fill:var(--sev)}
.ik-svg .ik-ch-unit{font-size:11px;fill:var(--ik-muted)}
.ik-ch-signal path,.ik-ch-signal rect,.ik-ch-signal circle{fill:var(--verdict);stroke:var(--ik-bg);stroke-width:1}
.ik-ch-signal .ik-ch-ring{fill:var(--ik-bg);stroke:var(--verdict);stroke-width:2.6}
.ik-ch-signal line,.ik-ch-runs line{stroke:var(--verdict);stroke-width:2.5;stroke-dasharray:5 3}
.ik-svg .ik-ch-runs text{font-size:10px;font-weight:700;fill:var(--verdict)}
.ik-ch-trend-line{fill:none;stroke:var(--verdict);stroke-width:8;stroke-linecap:round;stroke-linejoin:round;opacity:.22}
.ik-ch-key .ik-ch-trend-line{fill:none;stroke:var(--verdict);stroke-width:7;stroke-linecap:round;opacity:.22}
.ik-ch-guide{stroke:var(--ik-muted);stroke-width:1;stroke-dasharray:1 3;opacity:.8}
.ik-ch-event-annotation path{fill:var(--ik-fg)}
.ik-ch-event-cycle circle{fill:var(--tone,var(--ik-blue));stroke:var(--ik-bg);stroke-width:1.5}
.ik-svg .ik-ch-event-text{font-size:11px;fill:var(--ik-fg)}
.ik-svg .ik-ch-event-cycle .ik-ch-event-text{font-family:var(--ik-mono);fill:var(--tone,var(--ik-fg))}
.ik-svg .ik-ch-key text{font-size:12px}
.ik-ch-key-line{fill:none;stroke:var(--ik-fg);stroke-width:1.5}
.ik-svg .ik-ch-cell-title{font-size:13px;font-weight:700}
.ik-svg .ik-ch-cell-sub{font-size:11px;font-weight:600;fill:var(--verdict)}
.ik-figure-chart .ik-diagram{display:inline-block;max-width:100%}
.ik-said-list ul{margin:0 0 14px;padding-left:18px}
.ik-said-list>p{margin:0 0 6px}
.ik-said{margin:0 0 4px;font-size:1.02em}
.ik-said::marker{color:var(--verdict)}
.ik-said-lead{color:var(--verdict)}
.ik-said-list details{margin:0 0 14px}
.ik-said-phase{display:inline-block;margin-right:4px;padding:0 8px;border-radius:999px;background:var(--ik-surface-2);font-size:.85em;font-weight:600;color:var(--ik-fg)}
.ik-badge-chart{--tone:var(--ik-fg)}
.ik-ch-cycles ul{list-style:none;margin:0;padding:0}
.ik-ch-cycle{padding:5px 0;border-top:1px solid var(--ik-border);font-size:.92em}
.ik-ch-cycle .ik-dot{vertical-align:middle}
.ik-measure-data{display:flex;align-items:center;gap:8px;margin-top:4px;font-size:.85em;color:var(--verdict)}
.ik-measure-data.ik-verdict-improvement,.ik-measure-data.ik-verdict-concern{font-weight:650}
.ik-spark{display:block;flex:none}
.ik-spark-line{fill:none;stroke:var(--ik-grey);stroke-width:1.3;stroke-linejoin:round}
.ik-spark-cl{fill:none;stroke:var(--ik-green);stroke-width:1;stroke-dasharray:2 2}
.ik-spark-last{fill:var(--verdict);stroke:var(--ik-bg);stroke-width:1}

/* org chart */
.ik-org-link{fill:none;stroke:var(--ik-edge);stroke-width:1.5}
.ik-org-node .ik-node-band{fill:var(--ik-grey)}
.ik-org-node.ik-category-principal .ik-node-band{fill:var(--ik-purple)}
.ik-org-node.ik-category-assistant-principal .ik-node-band{fill:var(--ik-blue)}
.ik-org-node.ik-category-teacher-leader .ik-node-band{fill:var(--ik-green)}
.ik-org-node.ik-category-coach .ik-node-band{fill:var(--ik-yellow)}
.ik-svg .ik-org-name{font-weight:650;font-size:14px}
.ik-span-track{fill:var(--ik-surface-2)}
.ik-span-fill{fill:var(--tone)}
.ik-svg .ik-span-label{font-size:12px;font-weight:700;fill:var(--tone)}
.ik-svg .ik-org-facts{font-size:11px}
.ik-org-node.ik-span-over:not(.ik-flag) .ik-node-box{stroke:var(--ik-red);stroke-width:2}
.ik-stats{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 18px}
.ik-stat{padding:10px 16px;border:1px solid var(--ik-border);border-radius:10px;min-width:130px;background:var(--ik-surface)}
.ik-stat dt{font-size:.72em;text-transform:uppercase;letter-spacing:.07em;color:var(--ik-muted);font-weight:700}
.ik-stat dd{margin:2px 0 0;font-size:1.45em;font-weight:700;line-height:1.25}
.ik-stat.ik-span-over dd,.ik-stat.ik-span-near dd{color:var(--tone)}
.ik-stat dd .ik-muted{font-size:.55em}
.ik-callout{padding:12px 16px;border-radius:10px;border:1px solid var(--tone);border-left-width:5px;background:color-mix(in srgb,var(--tone) 9%,transparent);margin:0 0 20px}
.ik-callout-warning{--tone:var(--ik-warning)}.ik-callout-ok{--tone:var(--ik-green)}
.ik-resp{text-align:center;color:var(--ik-muted)}
.ik-resp-held{color:var(--ik-green)}
.ik-resp-head{text-align:center!important;font-size:.68em!important;max-width:90px}
.ik-eval-none{color:var(--ik-muted)}.ik-eval-owns{font-weight:650}

/* tables */
.ik-table-wrap{overflow-x:auto}
.ik-table{border-collapse:collapse;width:100%;font-size:.92em;margin:0 0 8px}
.ik-table th,.ik-table td{padding:8px 10px;border-bottom:1px solid var(--ik-border);text-align:left;vertical-align:top}
.ik-table thead th{font-size:.76em;text-transform:uppercase;letter-spacing:.06em;color:var(--ik-muted);font-weight:700;border-bottom:2px solid var(--ik-border);vertical-align:bottom}
.ik-table .ik-num{text-align:right;font-variant-numeric:tabular-nums}
.ik-table tr.ik-flag>*{background:color-mix(in srgb,var(--sev) 7%,transparent)}
.ik-table tr.ik-flag>:first-child{box-shadow:inset 4px 0 0 var(--sev)}
.ik-names{color:var(--ik-muted);font-size:.9em}

/* RAPID */
.ik-rapid{width:auto;min-width:100%}
.ik-rapid thead th.ik-party{text-align:center;min-width:52px;max-width:104px;text-transform:none;letter-spacing:0;font-size:.82em;color:var(--ik-fg)}
.ik-party-name{display:block;font-weight:650}
.ik-party-id{display:block;font-family:var(--ik-mono);font-size:.85em;color:var(--ik-muted);font-weight:400}
.ik-decision-head{min-width:260px}
.ik-decision-cell{font-weight:400;min-width:280px;max-width:460px}
.ik-decision-text{font-weight:600}
.ik-decision-meta{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center;margin-top:5px;font-size:.82em;color:var(--ik-muted)}
.ik-outcome,.ik-notes{display:block;margin-top:5px;font-size:.85em;color:var(--ik-muted)}
.ik-outcome::before{content:"Outcome: ";font-weight:700;color:var(--ik-green)}
.ik-rapid td.ik-cell{text-align:center;vertical-align:middle;white-space:nowrap}
.ik-letter{display:inline-flex;align-items:center;justify-content:center;width:1.9em;height:1.9em;margin:1px;border-radius:50%;font-weight:800;font-size:.92em;color:var(--tone);background:color-mix(in srgb,var(--tone) 14%,transparent);border:1.5px solid var(--tone)}
.ik-role-recommend{--tone:var(--ik-blue)}.ik-role-agree{--tone:var(--ik-orange)}.ik-role-perform{--tone:var(--ik-green)}.ik-role-input{--tone:var(--ik-grey)}.ik-role-decide{--tone:var(--ik-purple)}
.ik-letter.ik-role-decide{background:var(--tone);color:var(--ik-bg)}
.ik-cell-multi{background:color-mix(in srgb,var(--ik-warning) 8%,transparent)}
.ik-row-flag{display:inline-block;margin-left:8px;padding:0 6px;border:1px solid var(--ik-error);border-radius:4px;color:var(--ik-error);font-size:.75em;font-weight:800;letter-spacing:.03em;vertical-align:middle;white-space:nowrap}
.ik-rapid tr.ik-deciders-none>*,.ik-rapid tr.ik-deciders-many>*{background:color-mix(in srgb,var(--ik-error) 7%,transparent)}
.ik-rapid tr.ik-deciders-none>:first-child,.ik-rapid tr.ik-deciders-many>:first-child{box-shadow:inset 4px 0 0 var(--ik-error)}
.ik-rapid tfoot th,.ik-rapid tfoot td{border-top:2px solid var(--ik-border);border-bottom:0;font-weight:700}
.ik-rapid tfoot td{text-align:center;font-size:1.1em;font-variant-numeric:tabular-nums;color:var(--ik-purple)}
.ik-rapid tfoot td.ik-ds-zero{color:var(--ik-muted);font-weight:400}
.ik-rapid tfoot td.ik-ds-most{background:color-mix(in srgb,var(--ik-purple) 10%,transparent)}
.ik-rapid-legend{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px 24px;margin:18px 0 0;font-size:.85em}
.ik-rapid-legend dt{font-weight:650;display:flex;align-items:center;gap:8px}
.ik-rapid-legend dd{margin:4px 0 0;color:var(--ik-muted)}

/* PDSA */
.ik-ramp h2{margin-top:8px}
.ik-ramp ol{list-style:none;display:flex;flex-wrap:wrap;gap:10px 26px;padding:0;margin:0}
.ik-ramp-step{position:relative;display:flex;flex-direction:column;min-width:150px;padding:8px 14px;border:1px solid var(--ik-border);border-radius:10px;background:var(--ik-surface)}
.ik-ramp-step+.ik-ramp-step::before{content:"→";position:absolute;left:-21px;top:50%;transform:translateY(-50%);color:var(--ik-muted);font-size:1.1em}
.ik-ramp-current{border:2px solid var(--ik-accent);background:color-mix(in srgb,var(--ik-accent) 9%,var(--ik-bg))}
.ik-ramp-missing{border-style:dashed;color:var(--ik-error)}
.ik-ramp-number{font-weight:700}
.ik-ramp-id{font-family:var(--ik-mono);font-size:.75em;color:var(--ik-muted)}
.ik-ramp-status{font-size:.82em;color:var(--tone,var(--ik-muted));font-weight:600}
.ik-worksheet{display:grid;gap:16px;margin-top:22px}
.ik-phase{border:1px solid var(--ik-border);border-top:4px solid var(--tone);border-radius:10px;padding:2px 20px 14px;background:var(--ik-bg)}
.ik-phase-p{--tone:var(--ik-blue)}.ik-phase-d{--tone:var(--ik-orange)}.ik-phase-s{--tone:var(--ik-purple)}.ik-phase-a{--tone:var(--ik-green)}
.ik-doc .ik-phase h2{display:flex;align-items:center;gap:10px;margin:14px 0 12px}
.ik-phase h2 .ik-muted{font-size:.8em}
.ik-phase-letter{display:inline-flex;align-items:center;justify-content:center;flex:none;width:30px;height:30px;border-radius:50%;background:var(--tone);color:var(--ik-bg);font-weight:800}
.ik-fields{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:10px 28px;margin:0 0 10px}
.ik-field dt{font-size:.72em;text-transform:uppercase;letter-spacing:.07em;color:var(--ik-muted);font-weight:700}
.ik-field dd{margin:2px 0 0}
.ik-field-wide{grid-column:1/-1}
.ik-field-wide dd{font-size:1.04em}
.ik-qid{font-family:var(--ik-mono);font-size:.8em;color:var(--ik-muted);white-space:nowrap}
.ik-study td:nth-child(2){color:var(--ik-muted)}
.ik-met{white-space:nowrap;font-weight:700;color:var(--tone,var(--ik-muted))}
.ik-met-mark{font-size:1.15em}
.ik-done td{color:var(--ik-muted)}
.ik-check-cell{width:1.6em;color:var(--ik-green);font-weight:800}
.ik-learning p{margin:0;padding-left:12px;border-left:3px solid var(--ik-purple);font-size:1.04em}
.ik-decision{margin:4px 0 12px!important}
.ik-decision-badge{display:inline-block;padding:4px 18px;border-radius:999px;font-weight:800;font-size:1.05em;text-transform:uppercase;letter-spacing:.08em;color:var(--tone);background:color-mix(in srgb,var(--tone) 13%,transparent);border:2px solid var(--tone)}
.ik-ramp-status .ik-decision-adopt,.ik-ramp-status .ik-decision-adapt,.ik-ramp-status .ik-decision-abandon{color:var(--tone)}

/* driver diagram measures */
.ik-measure-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(250px,1fr));gap:14px}
.ik-measure-group{border:1px solid var(--ik-border);border-top:4px solid var(--tone);border-radius:10px;padding:2px 16px 10px}
.ik-measure-outcome{--tone:var(--ik-yellow)}.ik-measure-process{--tone:var(--ik-blue)}.ik-measure-balancing{--tone:var(--ik-orange)}.ik-measure-unknown{--tone:var(--ik-grey)}
.ik-measure-group h3{margin:12px 0 8px}
.ik-measure-group h3 .ik-muted{font-size:.85em;margin-left:4px}
.ik-measure-group ul{list-style:none;margin:0;padding:0}
.ik-measure{padding:8px 0;border-top:1px solid var(--ik-border)}
.ik-measure.ik-flag{box-shadow:inset 4px 0 0 var(--sev);padding-left:10px}
.ik-measure-name{font-weight:600}
.ik-measure-def,.ik-measure-facts{display:block;font-size:.85em;color:var(--ik-muted)}

/* message map */
.ik-msg-top{margin:4px 0 18px;padding:18px 24px;border-radius:12px;background:var(--ik-surface);border:1px solid var(--ik-border)}
.ik-msg-audience{margin:0!important;font-size:1.02em}
.ik-msg-question{margin:10px 0 0!important;font-size:1.55em;font-weight:650;line-height:1.3}
.ik-msg-question::before{content:"\\201C"}.ik-msg-question::after{content:"\\201D"}
.ik-msg-totals{display:flex;flex-wrap:wrap;align-items:center;gap:10px 26px;margin:0 0 20px;font-size:.95em}
.ik-msg-totals>.ik-muted{font-size:.85em}
.ik-msgs{list-style:none;margin:0;padding:0;display:grid;gap:14px}
.ik-msg{display:flex;gap:18px;padding:18px 22px;border:1px solid var(--ik-border);border-radius:12px;background:var(--ik-bg)}
.ik-msg.ik-flag{border-color:var(--sev);box-shadow:inset 5px 0 0 var(--sev)}
.ik-msg-number{flex:none;display:flex;align-items:center;justify-content:center;width:38px;height:38px;border-radius:50%;background:var(--ik-accent);color:var(--ik-bg);font-weight:800;font-size:1.15em}
.ik-msg-body{flex:1;min-width:0}
.ik-doc .ik-msg-text{margin:2px 0 12px;font-size:1.4em;line-height:1.35;font-weight:500}
.ik-msg-meters{display:flex;flex-wrap:wrap;gap:8px 24px}
.ik-meter{display:inline-flex;align-items:center;gap:8px;font-size:.85em;color:var(--ik-muted)}
.ik-meter strong{color:var(--tone);font-size:1.1em}
.ik-meter-bar{display:block;flex:none}
.ik-meter-track{fill:var(--ik-surface-2)}
.ik-meter-fill{fill:var(--tone)}
.ik-msg-support{margin:12px 0 0;padding-left:20px;color:var(--ik-muted)}

/* checks */
.ik-checks{margin-top:36px;font-size:.88em}
.ik-checks h2{font-size:1em}
.ik-checks ul{list-style:none;margin:0;padding:0}
.ik-check{padding:7px 0;border-top:1px solid var(--ik-border)}
.ik-sev{display:inline-block;min-width:4.8em;font-size:.78em;font-weight:800;text-transform:uppercase;letter-spacing:.05em}
.ik-sev-error{color:var(--ik-error)}.ik-sev-warning{color:var(--ik-warning)}.ik-sev-info{color:var(--ik-info)}.ik-sev-hint{color:var(--ik-hint)}
.ik-check-line{color:var(--ik-muted);font-size:.9em;margin-right:4px}
.ik-rule{color:var(--ik-muted);margin-left:4px}
.ik-notice{padding:14px 18px;border:1px solid var(--ik-error);border-left-width:5px;border-radius:10px;background:color-mix(in srgb,var(--ik-error) 7%,transparent)}
.ik-footer{max-width:1280px;margin:0 auto;padding:0 32px 32px;color:var(--ik-muted);font-size:.8em}

@media (max-width:700px){.ik-page{padding:18px 16px 32px}.ik-doc h1{font-size:1.5em}.ik-msg{padding:14px}.ik-doc .ik-msg-text{font-size:1.2em}}
`;

/** Paper: no boxes cut across pages, no scroll frames, the checks left to the screen. */
export const PRINT_CSS = `
@media print{
@page{margin:14mm}
body.ik-body{font-size:10.5pt}
.ik-page{max-width:none;padding:0}
.ik-doc+.ik-doc{break-before:page;border:0;margin:0;padding:0}
.ik-diagram,.ik-table-wrap{overflow:visible;border:0;padding:0}
.ik-figure,.ik-phase,.ik-msg,.ik-measure-group,.ik-stat,.ik-callout,.ik-ramp,.ik-table tr{break-inside:avoid}
.ik-doc h2,.ik-doc h3{break-after:avoid}
.ik-checks,.ik-footer{display:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;
