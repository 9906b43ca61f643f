export * from './projector/projection.js';
export * from './projector/projector.js';
export * from './audit/event-summary.js';
export * from './audit/audit-trail.projection.js';
export * from './projector/read-model-reader.js';
export * from './lists/page.js';
