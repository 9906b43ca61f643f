export * from './proposals.views.js';
export * from './proposals.projection.js';
export * from './proposal-history.js';
export * from './proposals.queries.js';
export * from './proposals.redaction.js';
