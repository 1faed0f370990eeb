import type { Rule } from './api';

export const MESSAGE_RULES: readonly Rule[] = [];
