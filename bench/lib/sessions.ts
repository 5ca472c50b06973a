import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../apps/server/src/kernel/actor.js';
import { SESSION_COOKIE } from '../../apps/server/src/modules/identity/sessions.js';

/** Signs in over HTTP as the web app does; answers the session cookie (`zt_session=…`). */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(new URL('/api/v1/identity/login', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const session = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!session) throw new Error(`login ${username}: no session cookie`);
  return session.split(';')[0]!;
}

/** The actor a session cookie stands for, as the identity module resolves it per request. */
export async function actorOf(app: FastifyInstance, cookie: string): Promise<Actor> {
  const actor = await app.identity.actorForToken(cookie.slice(SESSION_COOKIE.length + 1));
  if (actor.kind === 'anonymous') throw new Error('the session cookie names no live session');
  return actor;
}

/** A POST with a JSON body and a session, failing on any status but `expect`. */
export async function postJson<T>(
  baseUrl: string,
  path: string,
  cookie: string,
  body: unknown,
  expect = 200,
): Promise<T> {
  const res = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
  if (res.status !== expect) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
