import { workspaceOf } from '../../helpers';
import { renderDocument } from '../../../src/core/render';
import type { Workspace } from '../../../src/core/workspace';
import type { ParsedDocument } from '../../../src/core/parse';

/** Renders the first document of `name` among in-memory files, with the workspace's diagnostics. */
export function render(name: string, files: Record<string, string>): { html: string; title: string; ws: Workspace; doc: ParsedDocument } {
  const ws = workspaceOf(files);
  const uri = `file:///ws/${name}`;
  const doc = ws.file(uri)?.documents[0];
  if (!doc) throw new Error(`${name} holds no document`);
  const { title, body } = renderDocument(doc, { diagnostics: ws.diagnostics(uri), workspace: ws });
  return { html: body, title, ws, doc };
}

/**
 * Checks that markup is well-formed XML (what an SVG must be, and what our fragments are):
 * tags balanced, attributes quoted and unique, no stray `<` or `&`. Returns the first problem.
 */
export function xmlProblem(markup: string): string | undefined {
  const stack: string[] = [];
  const token = /<!--[\s\S]*?-->|<\/([A-Za-z][\w:.-]*)\s*>|<([A-Za-z][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<|[^<]+/g;
  const badAmp = /&(?!(?:[A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9A-Fa-f]+);)/;
  let m: RegExpExecArray | null;
  while ((m = token.exec(markup))) {
    const [whole, close, open, attrText, selfClose] = m;
    if (whole === '<') return `stray "<" at ${m.index}: ${markup.slice(m.index, m.index + 40)}`;
    if (close) {
      const top = stack.pop();
      if (top !== close) return `</${close}> closes <${top ?? 'nothing'}> at ${m.index}`;
    } else if (open) {
      const names = new Set<string>();
      for (const a of attrText.matchAll(/([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/g)) {
        if (names.has(a[1])) return `duplicate attribute ${a[1]} on <${open}> at ${m.index}`;
        names.add(a[1]);
        if (a[2].includes('<')) return `"<" in attribute ${a[1]} at ${m.index}`;
        if (badAmp.test(a[2])) return `bare "&" in attribute ${a[1]} at ${m.index}`;
      }
      if (!selfClose) stack.push(open);
    } else if (!whole.startsWith('<!--') && badAmp.test(whole)) {
      return `bare "&" in text at ${m.index}: ${whole.slice(0, 40)}`;
    }
  }
  return stack.length ? `unclosed <${stack[stack.length - 1]}>` : undefined;
}

/** Every `<svg>…</svg>` of a fragment. */
export function svgsOf(markup: string): string[] {
  return markup.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
}

/** The opening tags carrying `data-path="…"` exactly. */
export function elementsAt(markup: string, path: string): string[] {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return markup.match(new RegExp(`<[a-z]+\\b[^>]*\\sdata-path="${escaped}"[^>]*>`, 'g')) ?? [];
}

/** The class attribute of an opening tag. */
export function classOf(tag: string): string[] {
  return (/\sclass="([^"]*)"/.exec(tag)?.[1] ?? '').split(/\s+/).filter(Boolean);
}

/** Text with tags removed and the common entities decoded, for "the page says …" assertions. */
export function textOf(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
