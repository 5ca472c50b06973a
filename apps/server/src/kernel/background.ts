/**
 * A periodic task that never overlaps itself and that `stop()` waits for, so shutdown does not
 * cut a transaction in half. `nudge()` runs it soon instead of at the next tick.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<unknown>,
    private readonly onError: (name: string, err: unknown) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(this.intervalMs);
  }

  nudge(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = (async () => {
      try {
        await this.task();
      } catch (err) {
        try {
          this.onError(this.name, err);
        } catch {
          // a failing error reporter must not stop the task
        }
      }
    })();
    await this.running;
    this.running = undefined;
    this.schedule(this.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
