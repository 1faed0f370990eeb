import type { Rule } from './api';

export const PDSA_RULES: readonly Rule[] = [];
