// Public library API of kg.
export * from './types.js';
