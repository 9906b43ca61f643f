export * from './merkle-tree.js';
export * from './proof-verification.js';
export * from './checkpoint-note.js';
