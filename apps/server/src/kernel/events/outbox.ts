import type pg from 'pg';
import { outbox } from '../tables.js';
import { withClient, type Executor } from '../db/database.js';
import { newId } from '../ids.js';

export interface DomainEvent<P = Record<string, unknown>> {
  id: string;
  topic: string;
  payload: P;
  requestId: string | null;
  createdAt: Date;
}

/**
 * Publishes a domain event inside the caller's transaction: it is delivered only if the
 * change commits, and it is delivered even if the process dies right after the commit.
 */
export async function publishEvent(
  tx: Executor,
  topic: string,
  payload: Record<string, unknown>,
  requestId?: string,
): Promise<string> {
  const id = newId();
  await tx.insert(outbox).values({ id, topic, payload, requestId: requestId ?? null });
  return id;
}

export type EventHandler = (event: DomainEvent) => Promise<void>;

interface Subscriber {
  name: string;
  topic: string;
  handle: EventHandler;
}

export interface DispatchResult {
  claimed: number;
  delivered: number;
  failed: number;
}

/**
 * At-least-once delivery of outbox events to in-process subscribers. Each subscriber is
 * remembered in `delivered_to` once it succeeds, so a retry only calls those that failed;
 * a handler must tolerate seeing an event twice (after a crash between handling and marking).
 */
export class OutboxDispatcher {
  private readonly subscribers: Subscriber[] = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: {
      maxAttempts?: number;
      batchSize?: number;
      onError?: (err: unknown, event: DomainEvent, subscriber: string) => void;
    } = {},
  ) {}

  /** `name` identifies the subscriber durably: keep it stable across releases. */
  subscribe(topic: string, name: string, handle: EventHandler): void {
    if (this.subscribers.some((s) => s.name === name && s.topic === topic)) {
      throw new Error(`subscriber ${name} already listens to ${topic}`);
    }
    this.subscribers.push({ topic, name, handle });
  }

  async dispatchOnce(): Promise<DispatchResult> {
    const batchSize = this.options.batchSize ?? 100;
    const maxAttempts = this.options.maxAttempts ?? 12;
    const result: DispatchResult = { claimed: 0, delivered: 0, failed: 0 };
    // the client stays checked out while handlers run: withClient survives its connection dying
    return withClient(this.pool, async (client) => {
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{
          seq: number;
          id: string;
          topic: string;
          payload: Record<string, unknown>;
          request_id: string | null;
          created_at: Date;
          attempts: number;
          delivered_to: string[];
        }>(
          `SELECT seq, id, topic, payload, request_id, created_at, attempts, delivered_to
           FROM outbox
          WHERE dispatched_at IS NULL AND dead_at IS NULL AND available_at <= now()
          ORDER BY available_at, seq
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
          [batchSize],
        );
        result.claimed = rows.length;
        for (const row of rows) {
          const event: DomainEvent = {
            id: row.id,
            topic: row.topic,
            payload: row.payload,
            requestId: row.request_id,
            createdAt: row.created_at,
          };
          const delivered = new Set(row.delivered_to);
          let lastError: string | null = null;
          for (const s of this.subscribers) {
            if (s.topic !== row.topic || delivered.has(s.name)) continue;
            try {
              await s.handle(event);
              delivered.add(s.name);
            } catch (err) {
              lastError = `${s.name}: ${err instanceof Error ? err.message : String(err)}`;
              this.options.onError?.(err, event, s.name);
            }
          }
          if (lastError === null) {
            await client.query(
              'UPDATE outbox SET dispatched_at = now(), delivered_to = $2, attempts = attempts + 1 WHERE seq = $1',
              [row.seq, [...delivered]],
            );
            result.delivered += 1;
          } else {
            const attempts = row.attempts + 1;
            // exponential backoff: 1 s, 2 s, 4 s … capped at 10 minutes
            const delayMs = Math.min(1000 * 2 ** (attempts - 1), 600_000);
            await client.query(
              `UPDATE outbox SET attempts = $2, delivered_to = $3, last_error = $4,
                    available_at = now() + make_interval(secs => $5::double precision / 1000),
                    dead_at = CASE WHEN $2::integer >= $6::integer THEN now() END
              WHERE seq = $1`,
              [row.seq, attempts, [...delivered], lastError, delayMs, maxAttempts],
            );
            result.failed += 1;
          }
        }
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }
}
