/**
 * Builds the WeChat output the harness loads, unless dist/weapp is already newer than every source.
 * SHARECIRCLE_WEAPP_REBUILD=1 forces a build.
 */
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { buildIfStale } = require('../../scripts/build-if-stale');

module.exports = async function globalSetup() {
  process.stdout.write('\n');
  const built = buildIfStale('weapp', { force: process.env.SHARECIRCLE_WEAPP_REBUILD === '1' });
  if (built) execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'report-size.js')], { stdio: 'inherit' });
};
