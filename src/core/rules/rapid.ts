import type { Rule } from './api';

export const RAPID_RULES: readonly Rule[] = [];
