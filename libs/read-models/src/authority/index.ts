export * from './authority-queries.js';
export * from './authority-now.js';
