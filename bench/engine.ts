/**
 * What the benchmark measures, bundled the way Improvekit ships (see esbuild.js): the engine and
 * the `yaml` library it falls back to, with `yaml` aliased to its browser build in both the
 * engine and the baseline, so both sides of every ratio run the same parser code.
 */
export { Workspace } from '../src/core/workspace';
export { newParseStats, type ParseOptions, type ParseStats } from '../src/core/parse';
export { parseDocument } from 'yaml';
export { default as Papa } from 'papaparse';
