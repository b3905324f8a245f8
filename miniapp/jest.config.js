/**
 * Two jest projects:
 * - components: every page's states (loading, empty, error, data) and the services, in jsdom, with
 *   @tarojs/components mapped to small DOM stand-ins and @tarojs/taro to a jest stub set up per test.
 * - weapp: the built WeChat output (dist/weapp, built by global-setup when stale) loaded in Node with
 *   fake App/Page/wx globals.
 */
const path = require('node:path');

const babelTransform = ['babel-jest', { configFile: path.join(__dirname, 'babel.config.js') }];

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      displayName: 'components',
      rootDir: __dirname,
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/components/**/*.test.tsx', '<rootDir>/tests/unit/**/*.test.ts'],
      transform: { '^.+\\.[jt]sx?$': babelTransform },
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/tests/stubs/taro.ts',
        '^@tarojs/components$': '<rootDir>/tests/stubs/components.tsx',
        '\\.(css|scss)$': '<rootDir>/tests/stubs/style.js',
        '\\.(png|jpg|gif|svg)$': '<rootDir>/tests/stubs/file.js',
        '^@/(.*)$': '<rootDir>/src/$1',
      },
      setupFilesAfterEnv: ['<rootDir>/tests/helpers/setup.ts'],
    },
    {
      displayName: 'weapp',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/weapp/**/*.test.js'],
      transform: {},
      globalSetup: '<rootDir>/tests/weapp/global-setup.js',
    },
  ],
};
