/**
 * The editor language features over a populated `Workspace`: completion, hover, go to definition,
 * references, rename, outline, CodeLens and the status-bar description of a file.
 */
export * from './api';
export { completions } from './completion';
export { hover } from './hover';
export { definition, references, prepareRename, rename } from './navigation';
export { documentSymbols, codeLenses } from './outline';
export { describeFile } from './describe';
