export * from './merkle-tree.js';
export * from './proof-verification.js';
export * from './checkpoint-note.js';
export * from './sealed-leaf.js';
export * from './sealer.js';
export * from './ledger-checkpoints.js';
export * from './sealing-loop.js';
