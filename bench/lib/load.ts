import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadReport } from './load-driver.js';

const driver = fileURLToPath(new URL('./load-driver.ts', import.meta.url));

/**
 * The load driver as a separate Node process, so the client's event loop is not the server's.
 * One process serves every job of a run (starting one costs most of a second). A job that
 * outlives its deadline by `graceMs` has the process killed and fails.
 */
export class LoadDriver {
  private child!: ChildProcess;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (r: LoadReport) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  private exited = true;

  constructor(private readonly graceMs = 30_000) {
    this.spawn();
  }

  /** (Re)starts the process: after a job overran its deadline it was killed. */
  private spawn(): void {
    this.exited = false;
    const env = { ...process.env };
    // a child of `node --test` must not think it is a test file itself
    delete env.NODE_TEST_CONTEXT;
    this.child = fork(driver, [], {
      execArgv: ['--conditions=zt-source', '--import', import.meta.resolve('tsx')],
      env,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const child = this.child;
    child.on('message', (m: { id: number; report?: LoadReport; error?: string }) => {
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.settle(m.id);
      if (m.report) waiting.resolve(m.report);
      else waiting.reject(new Error(`load driver: ${m.error ?? 'failed'}`));
    });
    const fail = (why: string) => {
      if (child !== this.child) return;
      this.exited = true;
      for (const [id, waiting] of this.pending) {
        this.settle(id);
        waiting.reject(new Error(why));
      }
    };
    child.on('error', (err) => fail(`load driver: ${err.message}`));
    child.on('exit', (code) => fail(`the load driver exited (${code}) without a report`));
  }

  run(job: LoadJob): Promise<LoadReport> {
    if (this.exited) this.spawn();
    const id = this.nextId++;
    return new Promise<LoadReport>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.child.kill('SIGKILL');
          this.settle(id);
          reject(new Error('the load driver ran past its deadline'));
        },
        job.deadlineMs + job.requestTimeoutMs + this.graceMs,
      );
      this.pending.set(id, { resolve, reject, timer });
      this.child.send({ id, job });
    });
  }

  private settle(id: number): void {
    clearTimeout(this.pending.get(id)?.timer);
    this.pending.delete(id);
  }

  /** Stops the process (waits for it to go). */
  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ id: -1, stop: true });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
  }
}
