export { createApp } from './app';
export type { AdminApi, AppDeps, AppEnv, Actor, IngestedEvent, StoredEvent } from './app';
export { startApi } from './server';
export type { RunningApi, StartApiOptions } from './server';
export { bootstrap, bootstrapOptionsFromEnv } from './bootstrap';
export type { BootstrapOptions, BootstrapResult } from './bootstrap';
export { requireRole } from './auth/middleware';
export { ApiError, errorBody, validationHook } from './errors';
export { normalizePhone, normalizeEmail } from './identity/normalize';
