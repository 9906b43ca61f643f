export * from './authority-queries.js';
