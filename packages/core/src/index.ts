export * from './actions/index.js';
export * from './communities/index.js';
export * from './engine/index.js';
export * from './errors.js';
export * from './events/index.js';
export * from './i18n/index.js';
export * from './json.js';
export * from './plays/index.js';
