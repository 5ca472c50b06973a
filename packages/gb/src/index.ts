export * from './id-number.js';
export * from './credit-code.js';
export * from './region-code.js';
export * from './service-item-code.js';
export * from './certificate-identifier.js';
