export * from './post.events.js';
export * from './post.commands.js';
export * from './post.state.js';
export * from './post.decider.js';
export * from './post.codec.js';
