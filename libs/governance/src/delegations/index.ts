export * from './scheme.commands.js';
export * from './scheme.decider.js';
export * from './scheme.events.js';
export * from './scheme.state.js';
export * from './persistent-map.js';
export * from './delegation-id.decider.js';
export * from './scheme.codec.js';
