/** Jest runs TypeScript tests through ts-jest (CommonJS, transpile-only); CLI tests spawn the built bin/run.js. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/packages', '<rootDir>/plugins', '<rootDir>/examples'],
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {'^.+\\.ts$': ['ts-jest', {tsconfig: '<rootDir>/tsconfig.test.json'}]},
  // Unit tests import sources directly, so they need no build.
  moduleNameMapper: {'^@tf/sdk$': '<rootDir>/packages/sdk/src/index.ts'},
  testTimeout: 60000,
};
