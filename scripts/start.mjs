// `npm start`: build what is not built yet, then run `zhengtong start` in this process.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
process.argv = [process.argv[0], 'zhengtong', 'start', ...process.argv.slice(2)];
await import('../apps/server/dist/cli.js');
