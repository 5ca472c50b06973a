/**
 * The load driver: a child process (forked by load.ts) that sends HTTP requests with Node's
 * fetch to the target on loopback, `concurrency` at a time, and reports each one's latency.
 * It takes one job after another from its parent until told to stop. A job is either a list
 * of single requests, or a flow: a module whose `run` makes several dependent requests (sign
 * in, submit, accept …) per unit of work, each request timed as a named step.
 * No request starts after the job's deadline, and each request has its own timeout.
 */
import { performance } from 'node:perf_hooks';
import { FlowFailure, type FlowContext, type FlowModule, type FlowReply } from './flow.js';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** JSON body */
  body?: unknown;
  /** an application/x-www-form-urlencoded body instead (OAuth token requests) */
  form?: Record<string, string>;
}

interface JobLimits {
  baseUrl: string;
  concurrency: number;
  /** no request (or flow) starts after this many ms from the first */
  deadlineMs: number;
  /** one request's timeout */
  requestTimeoutMs: number;
}

export interface RequestJob extends JobLimits {
  kind?: 'requests';
  requests: LoadRequest[];
  /** how many to send (default: all); request i is requests[i % requests.length] */
  count?: number;
  /** the status code a request must answer to count as a success */
  expectStatus: number;
  /** a top-level field of the JSON answer to report back (e.g. the issued identifier) */
  pick?: string;
  /** the value a field of the JSON answer must have for a success (e.g. status: 'valid') */
  expectField?: { name: string; value: string };
}

export interface FlowJob extends JobLimits {
  kind: 'flow';
  /** file URL of a module exporting `run` (see flow.ts); it should import little */
  module: string;
  /** how many units of work (flows) to run */
  count: number;
  /** passed to every `run` (sessions, ids …); structured-clonable */
  params: unknown;
}

export type LoadJob = RequestJob | FlowJob;

export interface LoadSample {
  ms: number;
  status: number;
  ok: boolean;
  picked?: string;
  error?: string;
}

export interface LoadReport {
  wallMs: number;
  /** one per request (request jobs) or per flow (flow jobs) */
  samples: LoadSample[];
  /** flow jobs: the samples of each named step, over every flow */
  steps: Record<string, LoadSample[]>;
  /** requests (or flows) never started because the deadline passed */
  skipped: number;
}

async function send(
  limits: JobLimits,
  req: LoadRequest,
): Promise<{ res: Response; text: string; ms: number }> {
  const started = performance.now();
  const headers: Record<string, string> = { ...req.headers };
  let body: string | undefined;
  if (req.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(req.form).toString();
  } else if (req.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.body);
  }
  const res = await fetch(new URL(req.path, limits.baseUrl), {
    method: req.method,
    headers,
    redirect: 'manual',
    ...(body !== undefined ? { body } : {}),
    signal: AbortSignal.timeout(limits.requestTimeoutMs),
  });
  const text = await res.text();
  return { res, text, ms: performance.now() - started };
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function one(job: RequestJob, req: LoadRequest): Promise<LoadSample> {
  const started = performance.now();
  try {
    const { res, text, ms } = await send(job, req);
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
    return { ms: performance.now() - started, status: 0, ok: false, error: message(err) };
  }
}

/** Runs `count` units, `concurrency` at a time, none started after the deadline. */
async function pace<T>(
  limits: JobLimits,
  count: number,
  unit: (i: number) => Promise<T>,
): Promise<{ results: T[]; wallMs: number; skipped: number }> {
  const results: T[] = [];
  let next = 0;
  let skipped = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      if (performance.now() - started > limits.deadlineMs) {
        skipped++;
        continue;
      }
      results.push(await unit(i));
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limits.concurrency, count)) }, worker),
  );
  return { results, wallMs: performance.now() - started, skipped };
}

export async function runRequests(job: RequestJob): Promise<LoadReport> {
  const count = job.count ?? job.requests.length;
  const { results, wallMs, skipped } = await pace(job, count, (i) =>
    one(job, job.requests[i % job.requests.length]!),
  );
  return { wallMs, samples: results, steps: {}, skipped };
}

export async function runFlows(job: FlowJob): Promise<LoadReport> {
  const flow = (await import(job.module)) as FlowModule;
  const steps: Record<string, LoadSample[]> = {};
  const { results, wallMs, skipped } = await pace(job, job.count, async (i) => {
    const started = performance.now();
    const ctx: FlowContext = {
      async request(step, req, expectStatus): Promise<FlowReply> {
        let sample: LoadSample;
        try {
          const { res, text, ms } = await send(job, req);
          const ok = res.status === expectStatus;
          sample = { ms, status: res.status, ok, ...(ok ? {} : { error: text.slice(0, 300) }) };
          (steps[step] ??= []).push(sample);
          if (!ok) throw new FlowFailure(step, res.status, text);
          return { status: res.status, headers: res.headers, text };
        } catch (err) {
          if (err instanceof FlowFailure) throw err;
          (steps[step] ??= []).push({ ms: 0, status: 0, ok: false, error: message(err) });
          throw new FlowFailure(step, 0, message(err));
        }
      },
    };
    try {
      await flow.run(ctx, i, job.params);
      return { ms: performance.now() - started, status: 200, ok: true };
    } catch (err) {
      const status = err instanceof FlowFailure ? err.status : 0;
      return { ms: performance.now() - started, status, ok: false, error: message(err) };
    }
  });
  return { wallMs, samples: results, steps, skipped };
}

export function runLoad(job: LoadJob): Promise<LoadReport> {
  return job.kind === 'flow' ? runFlows(job) : runRequests(job);
}

// as a forked child: jobs in, reports out, until the parent says stop (or goes away)
if (process.send) {
  process.on('message', (m: { id: number; job?: LoadJob; stop?: true }) => {
    if (m.stop) process.exit(0);
    runLoad(m.job!).then(
      (report) => process.send!({ id: m.id, report }),
      (err: unknown) => process.send!({ id: m.id, error: message(err) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
