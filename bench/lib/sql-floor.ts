/**
 * The SQL floor of a request: the statements Zhengtong's request path sends to PostgreSQL,
 * captured once (the request run in-process with `app.inject`) and then replayed with the pg
 * driver directly, statement for statement and transaction for transaction, at the same
 * concurrency as the HTTP load. What the replay costs is what the database alone costs; the
 * rest of a request's time is Zhengtong's (HTTP, validation, services, JSON).
 *
 * Capturing: while installed, the pool's `connect` hands out clients whose `query` records what
 * they run, but only for callers inside `capture()` (an AsyncLocalStorage scope), so the
 * background loops' statements (outbox, jobs, audit sealer) are left out. One checkout of a
 * client is one session: a transaction, or the single statement of a `pool.query`.
 *
 * Replaying: values created by the captured request (ids, 办件编号, tokens) are replaced by new
 * ones on every replay, so each replay inserts its own rows as a new request would; values that
 * existed before (the list, the organisation, the account) are kept.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type pg from 'pg';
import { runConcurrent, type InProcessRun } from './measure.js';

export interface Statement {
  text: string;
  values: unknown[];
}

/** what one checkout of a pool client ran, in order */
export type Session = Statement[];

/** the sessions one request (a step of a flow) ran, in order */
export interface CapturedStep {
  name: string;
  sessions: Session[];
}

type QueryFn = (...args: unknown[]) => unknown;
type ConnectFn = (
  cb?: (err: Error | undefined, client?: pg.PoolClient, done?: unknown) => void,
) => Promise<pg.PoolClient> | undefined;

/** Records the statements of requests run inside `capture`; `uninstall` puts the pool back. */
export class StatementCapture {
  private readonly scope = new AsyncLocalStorage<Session[]>();
  private readonly sessionOf = new Map<pg.PoolClient, Session>();
  private readonly originalQuery = new Map<pg.PoolClient, QueryFn>();

  constructor(private readonly pool: pg.Pool) {
    const original = pool.connect.bind(pool) as ConnectFn;
    const handOut = (client: pg.PoolClient) => {
      const sessions = this.scope.getStore();
      if (!sessions) {
        this.sessionOf.delete(client);
        return client;
      }
      const session: Session = [];
      sessions.push(session);
      this.sessionOf.set(client, session);
      if (!this.originalQuery.has(client)) {
        const query = (client as unknown as { query: QueryFn }).query;
        this.originalQuery.set(client, query);
        (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
          this.record(client, args);
          return query.apply(client, args);
        };
      }
      return client;
    };
    const connect: ConnectFn = (cb) => {
      if (cb) {
        return original((err, client, done) => cb(err, client ? handOut(client) : client, done));
      }
      return original()!.then(handOut);
    };
    (pool as unknown as { connect: ConnectFn }).connect = connect;
  }

  private record(client: pg.PoolClient, args: unknown[]): void {
    const session = this.sessionOf.get(client);
    if (!session || !this.scope.getStore()) return;
    const [first, second] = args;
    // query(text, values) or query({ text, values? }, values?) as Drizzle calls it
    const values = Array.isArray(second) ? (second as unknown[]) : undefined;
    if (typeof first === 'string') {
      session.push({ text: first, values: [...(values ?? [])] });
    } else if (first && typeof first === 'object' && 'text' in first) {
      const config = first as { text: string; values?: unknown[] };
      session.push({ text: config.text, values: [...(values ?? config.values ?? [])] });
    }
  }

  /** Runs `fn` and answers what it ran (sessions with no statement left out). */
  async capture<T>(fn: () => Promise<T>): Promise<{ result: T; sessions: Session[] }> {
    const sessions: Session[] = [];
    // awaited inside the scope: a thenable that starts only when awaited (an inject chain)
    // would otherwise run outside it
    const result = await this.scope.run(sessions, async () => await fn());
    return { result, sessions: sessions.filter((s) => s.length > 0) };
  }

  /**
   * Runs one request in-process and answers what it ran as a step named `name`; a status but
   * `expect` fails (a floor captured from a failed request would mean nothing).
   */
  async inject(
    app: FastifyInstance,
    name: string,
    request: InjectOptions,
    expect = 200,
  ): Promise<{ step: CapturedStep; response: LightMyRequestResponse }> {
    const { result: response, sessions } = await this.capture(() => app.inject(request));
    if (response.statusCode !== expect) {
      throw new Error(`capturing ${name}: ${response.statusCode} ${response.body.slice(0, 300)}`);
    }
    return { step: { name, sessions }, response };
  }

  uninstall(): void {
    delete (this.pool as unknown as { connect?: ConnectFn }).connect;
    for (const [client, query] of this.originalQuery) {
      (client as unknown as { query: QueryFn }).query = query;
    }
    this.originalQuery.clear();
    this.sessionOf.clear();
  }
}

/** Runs `fn` with a capture installed on `pool`, removing it afterwards whatever happens. */
export async function withCapture<T>(
  pool: pg.Pool,
  fn: (capture: StatementCapture) => Promise<T>,
): Promise<T> {
  const capture = new StatementCapture(pool);
  try {
    return await fn(capture);
  } finally {
    capture.uninstall();
  }
}

// -- what the captured steps hold ----------------------------------------------------------------

const kind = (s: Statement) => /^\s*(\w+)/.exec(s.text)?.[1]?.toLowerCase() ?? 'other';

/** Statements by kind (select, insert, update, delete, begin, commit …) and transactions. */
export function statementCounts(steps: readonly CapturedStep[]): Record<string, number> {
  const counts: Record<string, number> = { sessions: 0, statements: 0 };
  for (const step of steps) {
    for (const session of step.sessions) {
      counts.sessions! += 1;
      for (const s of session) {
        counts.statements! += 1;
        counts[kind(s)] = (counts[kind(s)] ?? 0) + 1;
      }
    }
  }
  return counts;
}

// -- new values for every replay ------------------------------------------------------------

const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID = new RegExp(UUID_SOURCE, 'gi');
const UUID_EXACT = new RegExp(`^${UUID_SOURCE}$`, 'i');
/** 办件编号 and 证照编号-like numbers: region, date and sequence */
const SERIAL = /^[0-9]{20}$/;
/** tokens, token hashes, opaque ids */
const TOKEN = /^[A-Za-z0-9_-]{20,}$/;

type Fresh = (replay: number) => string;

function freshFor(value: string, run: string): Fresh {
  if (SERIAL.test(value)) return (n) => `99${run}${String(n).padStart(12, '0')}`;
  if (UUID_EXACT.test(value)) return () => crypto.randomUUID();
  const hex = /^[0-9a-f]+$/.test(value);
  return () =>
    hex
      ? crypto
          .randomBytes(Math.ceil(value.length / 2))
          .toString('hex')
          .slice(0, value.length)
      : crypto.randomBytes(value.length).toString('base64url').slice(0, value.length);
}

/** A value that is a template: literal parts with fresh values between them. */
type Part = string | { fresh: number };

interface Template {
  text: string;
  /** a value as captured, or (where `templated`) its parts */
  values: unknown[];
  templated: boolean[];
}

/**
 * The captured steps as templates whose request-made values are new on every replay: the keys
 * of the rows it inserted, the numbers and tokens it wrote first, and the `extra` literals the
 * caller knows are unique (an Idempotency-Key). Everything else (references to existing rows,
 * values read before they were written) stays as it is.
 */
export class ReplayPlan {
  private readonly fresh: Fresh[] = [];
  private readonly steps: { name: string; sessions: Template[][] }[];

  constructor(captured: readonly CapturedStep[], extra: readonly string[] = []) {
    const run = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    /** values a statement other than an INSERT used before: they were there already */
    const read = new Set<string>();
    const freshIndex = new Map<string, number>();
    const mark = (value: string) => {
      if (!freshIndex.has(value)) {
        freshIndex.set(value, this.fresh.length);
        this.fresh.push(freshFor(value, run));
      }
    };
    for (const e of extra) {
      freshIndex.set(e, this.fresh.length);
      this.fresh.push((n) => `${e}~${run}~${n}`);
    }
    for (const step of captured) {
      for (const session of step.sessions) {
        for (const s of session) {
          const inserting = kind(s) === 'insert';
          s.values.forEach((v, i) => {
            if (typeof v !== 'string') return;
            // made by the request: an INSERT's first value (the key: ids come first in every
            // table), or a number or token it writes; other ids in a row are references
            const made =
              inserting &&
              !read.has(v) &&
              ((i === 0 && (UUID_EXACT.test(v) || TOKEN.test(v))) ||
                SERIAL.test(v) ||
                (TOKEN.test(v) && !UUID_EXACT.test(v)));
            if (made) mark(v);
            if (inserting) return;
            for (const m of v.matchAll(UUID)) read.add(m[0]);
            read.add(v);
          });
        }
      }
    }
    // longest first, so a value inside another is not split out of it
    const literals = [...freshIndex.keys()].sort((a, b) => b.length - a.length);
    const template = (v: unknown): unknown => {
      if (typeof v !== 'string') return v;
      let parts: Part[] = [v];
      for (const literal of literals) {
        const index = freshIndex.get(literal)!;
        parts = parts.flatMap((p) =>
          typeof p !== 'string' || !p.includes(literal)
            ? [p]
            : p
                .split(literal)
                .flatMap((piece, i) => (i === 0 ? [piece] : [{ fresh: index }, piece])),
        );
      }
      return parts.length === 1 ? v : parts.filter((p) => p !== '');
    };
    this.steps = captured.map((step) => ({
      name: step.name,
      sessions: step.sessions.map((session) =>
        session.map((s) => {
          const values = s.values.map(template);
          return {
            text: s.text,
            values,
            templated: values.map((v, i) => v !== s.values[i]),
          };
        }),
      ),
    }));
  }

  private replays = 0;

  /** The statements of the next replay, with new values of its own. */
  statements(): { name: string; sessions: Session[] }[] {
    const n = this.replays++;
    const values = this.fresh.map((f) => f(n));
    return this.steps.map((step) => ({
      name: step.name,
      sessions: step.sessions.map((session) =>
        session.map((t) => ({
          text: t.text,
          values: t.values.map((v, i) =>
            t.templated[i]
              ? (v as Part[]).map((p) => (typeof p === 'string' ? p : values[p.fresh])).join('')
              : v,
          ),
        })),
      ),
    }));
  }

  get freshValues(): number {
    return this.fresh.length;
  }
}

async function replaySession(pool: pg.Pool, session: Session): Promise<void> {
  if (session.length === 1) {
    await pool.query(session[0]!.text, session[0]!.values);
    return;
  }
  const client = await pool.connect();
  try {
    for (const s of session) await client.query(s.text, s.values);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Runs one replay's steps with `pool`, timing each step: a step's sessions one after another
 * (a transaction on one client; a single statement through `pool.query`), or all at once with
 * `parallel` (for a request that sends its queries together, as a page and its count).
 */
export async function replaySteps(
  pool: pg.Pool,
  steps: { name: string; sessions: Session[] }[],
  step: (name: string, ms: number) => void,
  parallel = false,
): Promise<void> {
  for (const { name, sessions } of steps) {
    const started = performance.now();
    if (parallel) await Promise.all(sessions.map((s) => replaySession(pool, s)));
    else for (const session of sessions) await replaySession(pool, session);
    step(name, performance.now() - started);
  }
}

/** Replays a plan `count` times, `concurrency` at a time, through `pool`, timing each step. */
export function replayConcurrently(
  pool: pg.Pool,
  plan: ReplayPlan,
  bounds: { count: number; concurrency: number; deadlineMs: number },
  parallel = false,
): Promise<InProcessRun> {
  return runConcurrent(bounds, (_i, step) => replaySteps(pool, plan.statements(), step, parallel));
}
