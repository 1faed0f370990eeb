import type { Rule } from './api';

export const LEADERSHIP_RULES: readonly Rule[] = [];
