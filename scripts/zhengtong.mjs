// `npm run zhengtong -- <command>`: the CLI, built first when needed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const build = spawnSync(
  process.execPath,
  [tsc, '-b', 'packages/gb', 'packages/contracts', 'apps/server'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);
process.argv = [process.argv[0], 'zhengtong', ...process.argv.slice(2)];
await import('../apps/server/dist/cli.js');
