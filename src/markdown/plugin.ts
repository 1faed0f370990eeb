/**
 * The markdown-it plugin: fenced blocks whose info string is a kind name (```rapid-charter) and
 * front matter with an Improvekit `kind` are drawn as the preview draws the document. Anything
 * the engine cannot read stays an ordinary code block. Used by the editor's Markdown preview
 * (`markdown.markdownItPlugins`) and by `improvekit render` on Markdown notes; this file is also
 * the entry of `dist/markdown.js`.
 */
import type MarkdownIt from 'markdown-it';
import { installBlocks } from './fence';
import { createBlockRenderer, type BlockContext } from './render';

export { installBlocks, kindOfInfo, type BlockRenderer, type EmbeddedBlock } from './fence';
export { createBlockRenderer, currentDocumentOf, type BlockContext } from './render';
export { renderNote, type RenderedNote } from './note';
export { markdownPreviewCss } from './stylesheet';

/** `md.use(improvekitPlugin, context)`: our blocks drawn by the engine. */
export default function improvekitPlugin(md: MarkdownIt, context: BlockContext = {}): MarkdownIt {
  return installBlocks(md, createBlockRenderer(context));
}
export { improvekitPlugin };
