#!/usr/bin/env node
/**
 * Prints the size of the built WeChat mini-program: the main package (every file outside the
 * sub-package roots listed in app.json), each sub-package and the whole app, against WeChat's
 * limits (main package 2 MB, whole app 20 MB). Exits 1 when a limit is exceeded.
 * Usage: node scripts/report-size.js [distDir]   (default: dist/weapp)
 */
const fs = require('node:fs');
const path = require('node:path');

const MAIN_PACKAGE_MAX_BYTES = 2 * 1024 * 1024;
const SUB_PACKAGE_MAX_BYTES = 2 * 1024 * 1024;
const WHOLE_APP_MAX_BYTES = 20 * 1024 * 1024;

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function measure(distDir) {
  const appJson = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8'));
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((pkg) => pkg.root.replace(/\/?$/, '/'));
  const sizes = { main: 0, sub: Object.fromEntries(roots.map((root) => [root, 0])), total: 0, files: 0 };
  for (const file of filesUnder(distDir)) {
    const relative = path.relative(distDir, file).split(path.sep).join('/');
    const bytes = fs.statSync(file).size;
    const root = roots.find((candidate) => relative.startsWith(candidate));
    if (root) sizes.sub[root] += bytes;
    else sizes.main += bytes;
    sizes.total += bytes;
    sizes.files += 1;
  }
  return sizes;
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const share = (bytes, max) => `${((bytes / max) * 100).toFixed(1)}% of ${kib(max)}`;

function main() {
  const distDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'weapp'));
  if (!fs.existsSync(path.join(distDir, 'app.json'))) {
    console.error(`report-size: no app.json in ${distDir}; run taro build --type weapp first`);
    process.exit(1);
  }
  const sizes = measure(distDir);
  const problems = [];
  console.log(`weapp package sizes (${path.relative(process.cwd(), distDir) || '.'}, ${sizes.files} files)`);
  console.log(`  main package       ${kib(sizes.main).padStart(12)}  (${share(sizes.main, MAIN_PACKAGE_MAX_BYTES)})`);
  if (sizes.main > MAIN_PACKAGE_MAX_BYTES) problems.push('the main package is over 2 MB');
  for (const [root, bytes] of Object.entries(sizes.sub)) {
    console.log(`  ${root.padEnd(18)} ${kib(bytes).padStart(12)}  (${share(bytes, SUB_PACKAGE_MAX_BYTES)})`);
    if (bytes > SUB_PACKAGE_MAX_BYTES) problems.push(`sub-package ${root} is over 2 MB`);
  }
  console.log(`  whole app          ${kib(sizes.total).padStart(12)}  (${share(sizes.total, WHOLE_APP_MAX_BYTES)})`);
  if (sizes.total > WHOLE_APP_MAX_BYTES) problems.push('the whole app is over 20 MB');
  if (problems.length) {
    for (const problem of problems) console.error(`report-size: ${problem}`);
    process.exit(1);
  }
}

if (require.main === module) main();
module.exports = { measure, MAIN_PACKAGE_MAX_BYTES };
