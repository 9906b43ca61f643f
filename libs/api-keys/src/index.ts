export * from './key-secret.js';
export * from './api-key.events.js';
export * from './api-key.decider.js';
export * from './api-key.codec.js';
export * from './api-key-register.js';
