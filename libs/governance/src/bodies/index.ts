export * from './body.events.js';
export * from './body.commands.js';
export * from './body.state.js';
export * from './body.decider.js';
export * from './body.codec.js';
