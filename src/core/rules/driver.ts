import type { Rule } from './api';

export const DRIVER_RULES: readonly Rule[] = [];
