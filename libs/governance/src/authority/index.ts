export * from './authority-answer.js';
export * from './authority-knowledge.js';
export * from './authority-of-holder.js';
export * from './check-authority.js';
export * from './delegation-chains.js';
export * from './no-authority-error.js';
export * from './pounds.js';
