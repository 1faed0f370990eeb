import type { ParsedDocument } from '../parse';
import { Scope } from './context';
import { driverModel } from './driver';

/**
 * Text for a quoted Mermaid label. Mermaid decodes `#name;` and `#code;` entities in labels, so
 * quotes, markup and the entity sign itself are written that way: nothing in a document can end
 * the label, start markup, or reach the page as HTML.
 */
export function mermaidLabel(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[#"&<>`]/g, (c) => {
      switch (c) {
        case '"':
          return '#quot;';
        case '<':
          return '#lt;';
        case '>':
          return '#gt;';
        case '&':
          return '#amp;';
        default:
          return `#${c.charCodeAt(0)};`;
      }
    });
}

const STATUS_STYLES: Record<string, string> = {
  idea: 'fill:#f6f8fa,stroke:#8c959f,color:#1f2328',
  testing: 'fill:#ddf4ff,stroke:#0969da,color:#1f2328',
  implementing: 'fill:#dafbe1,stroke:#1a7f37,color:#1f2328',
  spreading: 'fill:#fbefff,stroke:#8250df,color:#1f2328',
  abandoned: 'fill:#f6f8fa,stroke:#8c959f,color:#59636e,stroke-dasharray:4 3',
};

/**
 * The driver diagram as a Mermaid flowchart (`flowchart LR`), for READMEs and issues on
 * code-hosting sites: the aim on the left, then primary and secondary drivers, then change ideas.
 * Node ids are generated (A, P1, S1, C1), never taken from the document.
 */
export function toMermaid(doc: ParsedDocument): string {
  const model = driverModel(new Scope(doc), false);
  const ids = new Map<string, string>();
  const counters: Record<string, number> = { aim: 0, primary: 0, secondary: 0, change: 0 };
  const prefix: Record<string, string> = { aim: 'A', primary: 'P', secondary: 'S', change: 'C' };
  const lines = ['flowchart LR'];
  const statusClasses = new Map<string, string[]>();
  for (const node of model.nodes) {
    if (node.role === 'placeholder') continue;
    const id = `${prefix[node.role]}${++counters[node.role]}`;
    ids.set(node.key, id);
    const label = mermaidLabel(node.role === 'change' && node.status && node.status !== 'unknown' ? `${node.label} [${node.status}]` : node.label);
    const shape = node.role === 'aim' ? [`(["`, `"])`] : node.role === 'change' ? [`("`, `")`] : [`["`, `"]`];
    lines.push(`  ${id}${shape[0]}${label}${shape[1]}`);
    if (node.role === 'change' && node.status && STATUS_STYLES[node.status]) {
      (statusClasses.get(node.status) ?? statusClasses.set(node.status, []).get(node.status)!).push(id);
    }
  }
  for (const edge of model.edges) {
    const left = ids.get(edge.left);
    const right = ids.get(edge.right);
    if (left && right) lines.push(`  ${left} --- ${right}`);
  }
  if (counters.aim) lines.push(`  classDef aim fill:#fff8c5,stroke:#9a6700,color:#1f2328,font-weight:bold`, `  class A1 aim`);
  for (const [status, members] of statusClasses) lines.push(`  classDef ${status} ${STATUS_STYLES[status]}`, `  class ${members.join(',')} ${status}`);
  return `${lines.join('\n')}\n`;
}
