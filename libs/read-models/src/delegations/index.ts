export * from './delegations.views.js';
export * from './delegations.projection.js';
export * from './delegations.queries.js';
export { replayDelegation, readingAt, statusAt, latestTerms, recordedStanding, SCHEME_EVENT_TYPES } from './delegation-timeline.js';
