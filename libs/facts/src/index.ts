export * from './folded-streams.js';
export * from './known-at.js';
export * from './streams-as-known.js';
export * from './authority-facts.js';
