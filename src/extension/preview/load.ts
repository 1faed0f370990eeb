/**
 * The preview's renderer, loaded on first use: in desktop VS Code it is its own bundle
 * (`dist/preview.js`, required by `loader.ts`), so activation never reads it (DESIGN §7).
 */
export { renderDocument, renderPage, renderBody, renderSvgs } from '../../core/render';
export { createBlockRenderer } from '../../markdown/render';
