/**
 * The light half of the Markdown plugin: finds our blocks in markdown-it's tokens and hands them
 * to a renderer. No engine code here, so the editor can install it at activation and load the
 * renderer only when a note holds one of our blocks.
 */
import type MarkdownIt from 'markdown-it';
import type { RenderRule } from 'markdown-it/lib/renderer.mjs';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import { declaresKind } from '../core/recognize';
import { isKind, type Kind } from '../core/kinds';

/** One Improvekit document written inside a Markdown note. */
export interface EmbeddedBlock {
  /** The kind the fence's info string names; undefined for front matter (its `kind` key tells). */
  kind?: Kind;
  origin: 'fence' | 'front-matter';
  /** The YAML text of the block, as markdown-it read it. */
  content: string;
  /** Zero-based line of the opening fence or `---` in the note. */
  line: number;
  /** markdown-it's environment of this render (the editor passes the note's URI in it). */
  env: unknown;
}

/** Draws a block as HTML (already escaped), or undefined to leave it to markdown-it. */
export type BlockRenderer = (block: EmbeddedBlock) => string | undefined;

/** The kind named by a fence's info string (its first word), if it names one. */
export function kindOfInfo(info: string): Kind | undefined {
  const word = info.trim().split(/\s+/)[0] ?? '';
  return isKind(word) ? word : undefined;
}

const FRONT_MATTER = 'improvekit_front_matter';

/**
 * Front matter (`---` on the first line, closed by `---` or `...`) as one token, so it is not
 * shown as a rule and a heading. The editor's own front matter support runs first when present.
 */
function frontMatterRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (startLine !== 0 || state.parentType !== 'root' || state.blkIndent !== 0) return false;
  const lineText = (n: number) => state.src.slice(state.bMarks[n], state.eMarks[n]).replace(/^\uFEFF/, '').trimEnd();
  if (lineText(0) !== '---') return false;
  let close = 1;
  while (close < endLine && lineText(close) !== '---' && lineText(close) !== '...') close++;
  if (close >= endLine) return false;
  if (silent) return true;
  const token = state.push(FRONT_MATTER, '', 0);
  token.content = state.src.slice(state.bMarks[1], state.bMarks[close]);
  token.map = [0, close + 1];
  token.block = true;
  state.line = close + 1;
  return true;
}

/** The block's HTML inside a wrapper that keeps the editor's scroll sync (`data-line`, `code-line`). */
function wrap(tokens: Parameters<RenderRule>[0], idx: number, self: Parameters<RenderRule>[4], kind: Kind | undefined, inner: string): string {
  const token = tokens[idx];
  const copy = Object.assign(Object.create(Object.getPrototypeOf(token)), token) as typeof token;
  copy.attrs = token.attrs ? token.attrs.map(([name, value]) => [name, value] as [string, string]) : null;
  copy.attrJoin('class', 'ik-md');
  if (kind) copy.attrSet('data-kind', kind);
  return `<div${self.renderAttrs(copy)}>${inner}</div>\n`;
}

function attempt(render: BlockRenderer, block: EmbeddedBlock): string | undefined {
  try {
    return render(block);
  } catch {
    // A block the renderer cannot draw is shown as the code it is.
    return undefined;
  }
}

/** Installs the fence and front matter rules on a markdown-it instance. */
export function installBlocks(md: MarkdownIt, render: BlockRenderer): MarkdownIt {
  const fence: RenderRule = md.renderer.rules.fence ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const kind = kindOfInfo(md.utils.unescapeAll(token.info));
    if (kind) {
      const inner = attempt(render, { kind, origin: 'fence', content: token.content, line: token.map?.[0] ?? -1, env });
      if (inner !== undefined) return wrap(tokens, idx, self, kind, inner);
    }
    return fence(tokens, idx, options, env, self);
  };

  md.block.ruler.before('table', FRONT_MATTER, frontMatterRule, { alt: [] });
  md.renderer.rules[FRONT_MATTER] = (tokens, idx, _options, env, self) => {
    const token = tokens[idx];
    // Front matter of other tools stays hidden, as the editor's Markdown preview hides it.
    if (!declaresKind(token.content)) return '';
    const inner = attempt(render, { origin: 'front-matter', content: token.content, line: 0, env });
    return inner === undefined ? '' : wrap(tokens, idx, self, undefined, inner);
  };
  return md;
}
