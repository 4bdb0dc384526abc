export * from './workspaces';
export * from './customers';
export * from './events';
export * from './journeys';
export * from './messaging';
export * from './audience';
export * from './broadcasts';
export * from './team';
