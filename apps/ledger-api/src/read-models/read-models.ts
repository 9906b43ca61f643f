import type { LiveReadModels } from './live-read-models.js';

/** The injection token of the active read-model generation's reader. */
export const READ_MODELS = Symbol('READ_MODELS');

/** The active generation's reader; it follows a rebuild's swap by itself. */
export type ReadModels = LiveReadModels;
