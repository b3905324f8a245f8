import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { measure } = require('../../scripts/report-size.js') as { measure: (dir: string) => { main: number; sub: Record<string, number>; total: number } };

test('the main package is every file outside the sub-package roots', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-size-'));
  const write = (file: string, bytes: number) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), Buffer.alloc(bytes));
  };
  fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ pages: ['pages/home/index'], subPackages: [{ root: 'packages/auth', pages: ['login/index'] }] }));
  const appJsonBytes = fs.statSync(path.join(dir, 'app.json')).size;
  write('app.js', 1000);
  write('pages/home/index.js', 200);
  write('packages/auth/login/index.js', 300);
  write('packages/authority/x.js', 7); // not inside "packages/auth/"
  expect(measure(dir)).toMatchObject({ main: appJsonBytes + 1207, sub: { 'packages/auth/': 300 }, total: appJsonBytes + 1507 });
});
