export * from './proposal.commands.js';
export * from './proposal.decider.js';
export * from './proposal.events.js';
export * from './proposal.state.js';
export * from './proposal-status.js';
export * from './route.js';
export * from './proposal.codec.js';
