export * from './common.js';
export * from './directory.js';
export * from './calendar.js';
export * from './identity.js';
export * from './catalog.js';
export * from './workflow.js';
export * from './applications.js';
