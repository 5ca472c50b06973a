// Builds what is not built yet: the TypeScript projects (tsc -b is incremental) and the web
// app (Vite), the latter only when its sources are newer than its last build. `--force`
// rebuilds the web app regardless.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const force = process.argv.includes('--force');

function run(cmd, args, { cwd = root } = {}) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`build step failed: ${cmd} ${args.join(' ')}\n`);
    process.exit(r.status ?? 1);
  }
}

function newestMtime(target) {
  const p = path.join(root, target);
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
run(process.execPath, [tsc, '-b', 'packages/gb', 'packages/contracts', 'apps/server']);

const webIndex = path.join(root, 'apps/web/dist/index.html');
const builtAt = fs.existsSync(webIndex) ? fs.statSync(webIndex).mtimeMs : 0;
const sourcesAt = Math.max(
  ...[
    'apps/web/src',
    'apps/web/index.html',
    'apps/web/vite.config.ts',
    'packages/contracts/src',
  ].map(newestMtime),
);
if (force || builtAt === 0 || sourcesAt > builtAt) {
  // resolved from the web app: npm may install vite under apps/web/node_modules
  const webRequire = createRequire(path.join(root, 'apps/web/package.json'));
  const vite = path.join(path.dirname(webRequire.resolve('vite/package.json')), 'bin', 'vite.js');
  run(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: path.join(root, 'apps/web'),
  });
}
