#!/usr/bin/env node
/**
 * Builds one Taro target only when its output is older than the sources (src/, config/,
 * babel.config.js, package.json, ../shared/src): `npm start` and the weapp test harness call it so
 * a second run starts at once. Usage: node scripts/build-if-stale.js <weapp|h5> [--force]
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const miniappDir = path.resolve(__dirname, '..');
const TYPES = ['weapp', 'h5'];
const sources = ['src', 'config', 'babel.config.js', 'package.json', '../shared/src'].map((entry) => path.join(miniappDir, entry));
/** The file each build writes last-ish; its mtime stands for the build. */
const marker = { weapp: 'dist/weapp/app.js', h5: 'dist/h5/index.html' };

function newestMtimeMs(target) {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtimeMs(path.join(target, name))), stat.mtimeMs);
}

function isStale(type) {
  const built = path.join(miniappDir, marker[type]);
  if (!fs.existsSync(built)) return true;
  return Math.max(...sources.filter((source) => fs.existsSync(source)).map(newestMtimeMs)) > fs.statSync(built).mtimeMs;
}

function build(type) {
  const started = Date.now();
  console.log(`miniapp: building ${type} (taro build --type ${type} --no-check) ...`);
  execFileSync(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', type, '--no-check'], {
    cwd: miniappDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  console.log(`miniapp: built ${type} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function buildIfStale(type, { force = false } = {}) {
  if (!force && !isStale(type)) {
    console.log(`miniapp: dist/${type} is up to date`);
    return false;
  }
  build(type);
  return true;
}

if (require.main === module) {
  const [type, flag] = process.argv.slice(2);
  if (!TYPES.includes(type)) {
    console.error('usage: node scripts/build-if-stale.js <weapp|h5> [--force]');
    process.exit(2);
  }
  buildIfStale(type, { force: flag === '--force' });
}

module.exports = { buildIfStale, isStale };
