/**
 * A whole Markdown note as a page fragment: its text through markdown-it with raw HTML off, its
 * blocks drawn by the engine. What `improvekit render` writes for a `.md` file.
 */
import MarkdownIt from 'markdown-it';
import type { Workspace } from '../core/workspace';
import { installBlocks } from './fence';
import { createBlockRenderer } from './render';

export interface RenderedNote {
  /** The note's first heading, else undefined. */
  title: string | undefined;
  /** The note as one `<article>`. */
  body: string;
}

/** Renders a note; `workspace` (holding the note at `uri`) gives its blocks their diagnostics and context. */
export function renderNote(text: string, uri: string, workspace?: Workspace): RenderedNote {
  // Raw HTML stays text (DESIGN §8); markdown-it's link check already refuses `javascript:` and the like.
  const md = new MarkdownIt({ html: false, linkify: false });
  installBlocks(md, createBlockRenderer({ workspace: () => workspace, uriOf: () => uri }));
  const tokens = md.parse(text, {});
  const heading = tokens.findIndex((t) => t.type === 'heading_open');
  const title = heading >= 0 ? tokens[heading + 1]?.content || undefined : undefined;
  return { title, body: `<article class="ik-doc ik-note">${md.renderer.render(tokens, md.options, {})}</article>` };
}
