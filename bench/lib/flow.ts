/**
 * Flows: several dependent HTTP requests making one unit of work (one application taken from
 * submit to decision, one login through the OpenID Provider), run by the load driver. A flow
 * module exports `run(ctx, n, params)`; each `ctx.request` is timed as a named step. A flow
 * module is loaded in the driver process, so it imports only this file and Node built-ins.
 */
import type { LoadRequest } from './load-driver.js';

export interface FlowReply {
  status: number;
  headers: Headers;
  text: string;
}

export interface FlowContext {
  /** sends one request, timed as `step`; any status but `expectStatus` fails the flow */
  request(step: string, req: LoadRequest, expectStatus: number): Promise<FlowReply>;
}

export interface FlowModule {
  run(ctx: FlowContext, n: number, params: unknown): Promise<void>;
}

/** A step answered with an unexpected status (0: no answer): the flow stops there. */
export class FlowFailure extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${step}: ${status} ${detail.slice(0, 200)}`);
  }
}

export const json = <T>(reply: FlowReply): T => JSON.parse(reply.text) as T;

/** A browser's cookies for one host: enough for a login through the OpenID Provider. */
export class CookieJar {
  private readonly jar = new Map<string, string>();

  /** remembers the cookies a response sets (an expired one is forgotten) */
  take(reply: FlowReply): void {
    for (const line of reply.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  get header(): Record<string, string> {
    return this.jar.size === 0
      ? {}
      : { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') };
  }
}
