/**
 * The preview's renderer, loaded on first use: in desktop VS Code it is its own bundle
 * (`dist/preview.js`, required by `loader.ts`), so activation never reads it (DESIGN §7).
 */
export { renderDocument, renderPage, renderBody, renderSvgs } from '../../core/render';
export { svgToPng, pngWidth, PNG_FONT_FILES, PNG_FONT_STACK, PNG_WASM_FILE } from '../../core/render/png';
export { createBlockRenderer } from '../../markdown/render';
