export * from './ir';
export * from './form';
export * from './schemas';
export * from './node-type';
export * from './registry';
export * from './describe';
