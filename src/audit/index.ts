export * from './chain';
export * from './entry';
export * from './reader';
export * from './verify';
export * from './writer';
