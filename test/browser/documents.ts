/**
 * The documents the browser suite opens: the sample workspace in examples/, a run chart with a
 * shift, hostile copies of every kind, and the two ways a page is made (the CLI's `render` and
 * `renderPage` with a theme).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { Workspace } from '../../src/core/workspace';
import { parseConfig, CONFIG_FILE } from '../../src/core/config';
import { renderDocument, renderPage, type RenderedDocument, type PageOptions } from '../../src/core/render';

export const ROOT = path.resolve(__dirname, '..', '..');
export const EXAMPLES = path.join(ROOT, 'examples');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

export type Theme = 'light' | 'dark';

/** The document files of examples/ (every kind, and the Markdown workshop notes), by name. */
export function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(EXAMPLES).sort()) {
    if (/\.(ya?ml|md)$/.test(name) && name !== 'README.md' && !name.startsWith('.')) files[name] = fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
  }
  return files;
}

/** A workspace of `files` at examples/ (so that URIs are the real ones), with the examples' configuration. */
export function workspaceOf(files: Record<string, string>, dir = EXAMPLES): Workspace {
  const configFile = path.join(EXAMPLES, CONFIG_FILE);
  const config = parseConfig(fs.readFileSync(configFile, 'utf8'), pathToFileURL(configFile).href).config;
  const ws = new Workspace({ config });
  for (const [name, text] of Object.entries(files)) ws.setFile(pathToFileURL(path.join(dir, name)).href, text);
  // The CSV files the measures read, as the CLI and the editor hold them.
  for (const uri of ws.namedDataFiles()) {
    const file = fileURLToPath(uri);
    if (fs.existsSync(file)) ws.setDataFile(uri, fs.readFileSync(file, 'utf8'));
  }
  return ws;
}

/** The rendered documents of one file, each with the diagnostics that fall inside it. */
export function fragmentsOf(ws: Workspace, name: string, dir = EXAMPLES): RenderedDocument[] {
  const uri = pathToFileURL(path.join(dir, name)).href;
  const parsed = ws.file(uri);
  if (!parsed?.documents.length) throw new Error(`${name} holds no document: ${parsed?.reason ?? 'not in the workspace'}`);
  const diagnostics = ws.diagnostics(uri);
  return parsed.documents.map((doc) => {
    const first = parsed.lines.positionAt(doc.span.start).line;
    const last = parsed.lines.positionAt(doc.span.end).line;
    return renderDocument(doc, { diagnostics: diagnostics.filter((d) => d.range.start.line >= first && d.range.start.line <= last), workspace: ws });
  });
}

/** A self-contained export in one palette (what `improvekit.exportHtml` and `render` make). */
export function exportPage(ws: Workspace, name: string, theme: Theme | 'auto', dir = EXAMPLES): string {
  const fragments = fragmentsOf(ws, name, dir);
  return renderPage(fragments, { title: fragments[0].title, inlineCss: true, theme });
}

/** A webview page: nonce, cspSource and the preview script, as the extension builds it. */
export function webviewPage(ws: Workspace, name: string, options: Pick<PageOptions, 'nonce' | 'cspSource' | 'scriptUri' | 'styleUri'>, dir = EXAMPLES): string {
  const fragments = fragmentsOf(ws, name, dir);
  return renderPage(fragments, { title: fragments[0].title, inlineCss: false, ...options });
}

/**
 * Runs `improvekit render FILE --out OUT [--format F]` as a command, from the sources (so that
 * no stale bundle is tested): `node --import tsx src/cli/bin.ts render …`.
 */
export async function cliRender(file: string, out: string, format?: string): Promise<{ code: number; stderr: string }> {
  const argv = ['--import', 'tsx', path.join(ROOT, 'src', 'cli', 'bin.ts'), 'render', file, '--out', out, ...(format ? ['--format', format] : [])];
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (error, _stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
      resolve({ code, stderr: String(stderr) });
    });
  });
}

/**
 * Cycle 4 of the huddle ramp with twelve huddle lengths that drop after a change: six points
 * above the median, then six below — a shift (DESIGN §2: 6+ on one side, 10+ points).
 */
export const SHIFT_VALUES = [24, 23, 25, 22, 26, 24, 18, 17, 19, 16, 18, 17];

export function shiftCycle(): string {
  const doc = parse(exampleFiles()['huddles-c3.pdsa.yaml']) as Record<string, unknown>;
  const day = (k: number) => new Date(Date.UTC(2026, 2, 9 + 2 * k)).toISOString().slice(0, 10);
  return stringify({
    ...doc,
    id: 'huddles-c4',
    title: 'Huddles, cycle 4: a timer on the table',
    cycle: 4,
    previous: 'huddles-c3',
    data: { measure: 'k3-reading#m-huddle-minutes', points: SHIFT_VALUES.map((value, k) => ({ date: day(k), value })) },
  });
}

// ---- hostile documents ----

/** What a hostile colleague, fork or pull request could put in any text of a document. */
export const PAYLOADS: readonly string[] = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror=window.__pwned=1>',
  'javascript:window.__pwned=1',
  '</style><script>window.__pwned=1</script>',
  '<svg onload=window.__pwned=1>',
  "'><svg><script>window.__pwned=1</script></svg>",
  '{{constructor.constructor("window.__pwned=1")()}}',
  'x;width:expression(window.__pwned=1);background:url(http://127.0.0.1:9/ik-css.png)',
  '<img src=http://127.0.0.1:9/ik-img.png>',
  '<link rel=stylesheet href=http://127.0.0.1:9/ik.css><style>@import url(http://127.0.0.1:9/ik-import.css)</style>',
  '<iframe src=javascript:window.__pwned=1></iframe><a href=javascript:window.__pwned=1>link</a>',
  '<meta http-equiv=refresh content="0;url=http://127.0.0.1:9/ik-refresh"><base href=http://127.0.0.1:9/>',
  '\u202Egnp.exe\u202C zero\u200Bwidth\u200Djoin\uFEFF',
  `<b>long</b>${'\u00AD<i>'.repeat(5)}${'A'.repeat(4000)}`,
];

/** The payload a string is given: chosen by the string itself, so every copy of an id gets the same one. */
function payloadFor(original: string): string {
  let h = 0;
  for (const c of original) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return PAYLOADS[h % PAYLOADS.length];
}

/** Keys whose values select a rendering path (enums, dates): kept in the "enums kept" variant. */
export const ENUM_KEYS = ['status', 'type', 'category', 'evaluation', 'decision', 'prediction_met', 'responsibilities', 'release_time', 'date', 'previous', 'change_idea', 'measure'];

/**
 * A copy of a document with every string field turned into a payload and its original text, so
 * that references still meet their ids (`k3#c-huddles` → `<payload> k3#<payload> c-huddles`).
 * `keep` lists keys left as they are; `kind` always is.
 */
export function hostile(yamlText: string, keep: readonly string[] = []): string {
  const poison = (s: string) =>
    s
      .split('#')
      .map((part) => `${payloadFor(part)} ${part}`)
      .join('#');
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key === 'kind' || (key !== undefined && keep.includes(key)) ? value : poison(value);
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return stringify(walk(parse(yamlText)), { lineWidth: 0 });
}

/** The payloads among the strings of the YAML texts given. */
export function payloadsIn(...yamlTexts: string[]): string[] {
  const strings = yamlTexts.flatMap((t) => collectStrings(parse(t)));
  return PAYLOADS.filter((p) => strings.some((s) => s.includes(p)));
}

function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, out);
  return out;
}

/** The fenced blocks of a Markdown text (each a document). */
export function fencedBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```[a-z-]+\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** The Markdown notes with their fenced blocks made hostile, and the prose too. */
export function hostileMarkdown(markdown: string, keep: readonly string[] = []): string {
  return markdown.replace(/^```([a-z-]+)\n([\s\S]*?)^```$/gm, (_, info: string, body: string) => `\`\`\`${info}\n${hostile(body, keep)}\`\`\``).replace(/^(Present:.*)$/m, `$1 ${PAYLOADS[0]} ${PAYLOADS[1]}`);
}
