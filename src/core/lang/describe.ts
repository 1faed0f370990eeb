import type { Workspace } from '../workspace';
import { fileFormat } from '../recognize';
import { text } from '../model/values';
import { plural } from '../text';
import type { ParsedDocument } from '../parse';
import { kindLabel } from './model';

function label(doc: ParsedDocument): string {
  return `${kindLabel(doc.kind)} ${doc.id !== undefined ? `\`${doc.id}\`` : '(no id yet)'}`;
}

const ORIGIN_WORDS: Record<ParsedDocument['origin'], string> = {
  suffix: 'named by the file suffix',
  kind: 'recognised by its `kind`',
  'front-matter': 'front matter',
  fence: 'fenced block',
};

export function describeFile(ws: Workspace, uri: string): { text: string; tooltip: string; recognised: boolean } {
  const file = ws.file(uri);
  const format = fileFormat(uri);
  const how =
    format === 'markdown'
      ? 'add front matter with `kind:`, or a fenced block whose info string is a kind (```rapid-charter)'
      : format === 'yaml'
        ? 'name it *.driver.yaml (or .pdsa, .rapid, .leadership, .message, .roster) or add `kind:`'
        : 'only YAML and Markdown files hold Improvekit documents';
  if (!file || !file.documents.length) {
    const reason = file?.problems[0]?.message ?? file?.reason ?? 'the file is not part of the checked workspace';
    return { text: `Not an Improvekit document: ${how}`, tooltip: `Not recognised: ${reason}.`, recognised: false };
  }
  const docs = file.documents;
  const lines = docs.map((d) => {
    const line = file.lines.positionAt(d.span.start).line + 1;
    const title = text(d.data?.title);
    return `- ${label(d)}${title ? ` — ${title}` : ''} (${ORIGIN_WORDS[d.origin]}, line ${line})`;
  });
  const problems = file.problems.length ? `\n\n${file.problems.map((p) => p.message).join('\n')}` : '';
  if (docs.length === 1) return { text: label(docs[0]), tooltip: `Improvekit ${lines[0].slice(2)}${problems}`, recognised: true };
  const front = docs.filter((d) => d.origin === 'front-matter').length;
  const fences = docs.filter((d) => d.origin === 'fence').length;
  const parts = [front ? 'front matter' : '', fences ? plural(fences, 'fenced block') : '', docs.length - front - fences ? plural(docs.length - front - fences, 'YAML document') : ''].filter(Boolean);
  return { text: `${docs.length} Improvekit documents (${parts.join(' + ')})`, tooltip: `Improvekit documents in this file:\n${lines.join('\n')}${problems}`, recognised: true };
}
