export * from './client/index.js';
export * from './compat/index.js';
export * from './config/index.js';
export * from './errors/index.js';
export * from './fleet-file/index.js';
export * from './redact.js';
export * from './routes/index.js';
