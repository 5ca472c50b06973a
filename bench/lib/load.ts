import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadReport } from './load-driver.js';

const driver = fileURLToPath(new URL('./load-driver.ts', import.meta.url));

/**
 * Runs a load job in a separate Node process (the load driver), so the client's event loop
 * is not the server's. Killed if it outlives the job's deadline by `graceMs`.
 */
export function driveLoad(job: LoadJob, graceMs = 30_000): Promise<LoadReport> {
  const env = { ...process.env };
  // a child of `node --test` must not think it is a test file itself
  delete env.NODE_TEST_CONTEXT;
  const child = fork(driver, [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    env,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<LoadReport>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(
      () => {
        child.kill('SIGKILL');
        finish(() => reject(new Error('the load driver ran past its deadline')));
      },
      job.deadlineMs + job.requestTimeoutMs + graceMs,
    );
    child.on('message', (m: { report?: LoadReport; error?: string }) => {
      if (m.report) {
        const report = m.report;
        finish(() => resolve(report));
      } else {
        finish(() => reject(new Error(`load driver: ${m.error ?? 'failed'}`)));
      }
    });
    child.on('error', (err) => finish(() => reject(err)));
    child.on('exit', (code) =>
      finish(() => reject(new Error(`the load driver exited (${code}) without a report`))),
    );
    child.send(job);
  });
}
