import type { ReadModelReader } from '@ledger/read-models';

/** The injection token of the active read-model generation's reader. */
export const READ_MODELS = Symbol('READ_MODELS');

export type ReadModels = ReadModelReader;
