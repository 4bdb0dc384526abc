export { startSystem, WEB_DIST } from './system';
export type { BraidSystem, Credentials, SystemOptions } from './system';
export { launchBrowser, CHROMIUM_PATH } from './browser';
export * from './canvas-driver';
export * from './ingest';
