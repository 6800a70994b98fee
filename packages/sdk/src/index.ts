export * from './types';
export * from './route-table';
export * from './route-rows';
export * from './body';
export * from './route-connector';
export * from './hook';
