export { main } from './main';
export { ApiFailure, apiClient } from './api';
export { configFile, connection, DEFAULT_URL } from './config';
