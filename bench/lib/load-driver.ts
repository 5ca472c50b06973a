/**
 * The load driver: a child process (forked by load.ts) that sends HTTP requests with Node's
 * fetch to the target on loopback, `concurrency` at a time, and reports each one's latency.
 * It starts no new request after the deadline, and each request has its own timeout.
 */
import { performance } from 'node:perf_hooks';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** JSON body */
  body?: unknown;
}

export interface LoadJob {
  baseUrl: string;
  requests: LoadRequest[];
  concurrency: number;
  /** no request starts after this many ms from the first */
  deadlineMs: number;
  /** one request's timeout */
  requestTimeoutMs: number;
  /** the status code a request must answer to count as a success */
  expectStatus: number;
  /** a top-level field of the JSON answer to report back (e.g. the issued identifier) */
  pick?: string;
  /** the value `check` must have in the JSON answer for a success (e.g. status: 'valid') */
  expectField?: { name: string; value: string };
}

export interface LoadSample {
  ms: number;
  status: number;
  ok: boolean;
  picked?: string;
  error?: string;
}

export interface LoadReport {
  wallMs: number;
  samples: LoadSample[];
  /** requests never sent because the deadline passed */
  skipped: number;
}

async function one(job: LoadJob, req: LoadRequest): Promise<LoadSample> {
  const started = performance.now();
  try {
    const res = await fetch(new URL(req.path, job.baseUrl), {
      method: req.method,
      headers: {
        ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...req.headers,
      },
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      signal: AbortSignal.timeout(job.requestTimeoutMs),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    let ok = res.status === job.expectStatus;
    let picked: string | undefined;
    let error: string | undefined;
    if (ok && (job.pick !== undefined || job.expectField !== undefined)) {
      const json = JSON.parse(text) as Record<string, unknown>;
      if (job.pick !== undefined) picked = String(json[job.pick]);
      if (job.expectField && json[job.expectField.name] !== job.expectField.value) {
        ok = false;
        error = `${job.expectField.name}=${String(json[job.expectField.name])}`;
      }
    } else if (!ok) {
      error = text.slice(0, 300);
    }
    return {
      ms,
      status: res.status,
      ok,
      ...(picked !== undefined ? { picked } : {}),
      ...(error !== undefined ? { error } : {}),
    };
  } catch (err) {
    return {
      ms: performance.now() - started,
      status: 0,
      ok: false,
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

export async function runLoad(job: LoadJob): Promise<LoadReport> {
  const samples: LoadSample[] = new Array<LoadSample>(job.requests.length);
  let next = 0;
  let skipped = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= job.requests.length) return;
      if (performance.now() - started > job.deadlineMs) {
        skipped++;
        continue;
      }
      samples[i] = await one(job, job.requests[i]!);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(job.concurrency, job.requests.length)) }, worker),
  );
  const wallMs = performance.now() - started;
  return { wallMs, samples: samples.filter((s) => s !== undefined), skipped };
}

// as a forked child: one job in, one report out, then exit
if (process.send) {
  process.once('message', (job: LoadJob) => {
    runLoad(job).then(
      (report) => process.send!({ report }, () => process.exit(0)),
      (err: unknown) =>
        process.send!({ error: err instanceof Error ? err.message : String(err) }, () =>
          process.exit(1),
        ),
    );
  });
}
