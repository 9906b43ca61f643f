export * from './organisations.projection.js';
export * from './organisations.queries.js';
export * from './organisations.views.js';
