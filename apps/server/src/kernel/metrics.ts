import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One Prometheus registry per running app (tests start many apps in one process, and a global
 * registry would refuse the second registration).
 */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  dbQueryDuration: Histogram<'outcome'>;
  /** reports the pool's connection counts at every scrape */
  watchPool: (pool: { totalCount: number; idleCount: number; waitingCount: number }) => void;
  outboxDispatched: Counter<'outcome'>;
  close: () => void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'zt_' });
  const loop = monitorEventLoopDelay({ resolution: 20 });
  loop.enable();
  new Gauge({
    name: 'zt_event_loop_lag_p99_seconds',
    help: 'Event-loop delay p99 over the last scrape interval',
    registers: [registry],
    collect() {
      this.set(loop.percentile(99) / 1e9);
      loop.reset();
    },
  });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'zt_http_request_duration_seconds',
      help: 'HTTP request duration by route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    dbQueryDuration: new Histogram({
      name: 'zt_db_query_duration_seconds',
      help: 'PostgreSQL query duration',
      labelNames: ['outcome'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [registry],
    }),
    watchPool: (pool) => {
      new Gauge({
        name: 'zt_db_pool_connections',
        help: 'Connections of the PostgreSQL pool by state',
        labelNames: ['state'],
        registers: [registry],
        collect() {
          this.set({ state: 'total' }, pool.totalCount);
          this.set({ state: 'idle' }, pool.idleCount);
          this.set({ state: 'waiting' }, pool.waitingCount);
        },
      });
    },
    outboxDispatched: new Counter({
      name: 'zt_outbox_dispatched_total',
      help: 'Outbox events handed to subscribers',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    close: () => loop.disable(),
  };
}
