import {
  DEMO_PEOPLE,
  DEMO_PERSON_PASSWORD,
} from '../../apps/server/src/modules/identity/demo-accounts.js';
import { hashPassword, verifyPassword } from '../../apps/server/src/modules/identity/passwords.js';
import { withCompanionPool } from '../lib/db.js';
import {
  checkTarget,
  firstErrors,
  measured,
  measuredSamples,
  runConcurrent,
  withBaseline,
} from '../lib/measure.js';
import type { Measurement, ScenarioResult } from '../lib/results.js';
import { ReplayPlan, replayConcurrently, statementCounts, withCapture } from '../lib/sql-floor.js';
import type { Target } from '../lib/target.js';
import { basicAuth, type LoginParams } from './oidc-flow.js';
import type { Scenario, ScenarioOptions } from './types.js';

/** the demo department system (client credentials) and the demo portal (authorization code) */
const SYSTEM = { id: 'demo-department-system', secret: 'demo-department-secret' };
const PORTAL = {
  clientId: 'demo-portal',
  clientSecret: 'demo-portal-secret',
  redirectUri: 'http://127.0.0.1:8787/callback',
  scope: 'openid profile phone',
};
/** Keycloak's sizing guide: ~120 client-credentials grants per vCPU; the box has 2 */
const TARGET_GRANTS_PER_SEC = 240;
const GRANTS = 3_000;
const LOGINS = 300;

async function runOidcTokens(target: Target, o: ScenarioOptions): Promise<ScenarioResult> {
  const { app, baseUrl, load } = target;
  const grants = o.count ?? (o.smoke ? 10 : GRANTS);
  const logins = o.counts.logins ?? (o.smoke ? 2 : LOGINS);
  const concurrency = o.concurrency ?? 16;
  const authorization = basicAuth(SYSTEM.id, SYSTEM.secret);
  const grant = { grant_type: 'client_credentials', scope: 'certificates:issue' };
  const grantJob = {
    baseUrl,
    requests: [
      { method: 'POST' as const, path: '/oidc/token', headers: { authorization }, form: grant },
    ],
    concurrency,
    requestTimeoutMs: 10_000,
    deadlineMs: o.deadlineMs,
    expectStatus: 200,
  };
  const person = DEMO_PEOPLE[0];
  const loginJob = {
    kind: 'flow' as const,
    baseUrl,
    module: new URL('./oidc-flow.ts', import.meta.url).href,
    params: {
      ...PORTAL,
      username: person.idNumber,
      password: DEMO_PERSON_PASSWORD,
    } satisfies LoginParams,
    concurrency: Math.min(concurrency, 8),
    requestTimeoutMs: 30_000,
    deadlineMs: o.deadlineMs,
  };

  // what one grant sends to PostgreSQL (client lookup, token stored): its SQL floor
  const { step } = await withCapture(app.kernel.db.pool, (capture) =>
    capture.inject(app, 'grant', {
      method: 'POST',
      url: '/oidc/token',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(grant).toString(),
    }),
  );
  const plan = new ReplayPlan([step]);
  const argon2 = app.kernel.config.identity.argon2;
  const stored = await hashPassword(DEMO_PERSON_PASSWORD, argon2);

  return withCompanionPool(app, async (pool) => {
    const bounds = { count: grants, concurrency, deadlineMs: o.deadlineMs };
    await load.run({ ...grantJob, count: o.smoke ? 2 : 100 });
    await replayConcurrently(pool, plan, { ...bounds, count: o.smoke ? 2 : 100 });
    o.log(`${grants} client-credentials grants, ${concurrency} at a time`);
    const granted = await load.run({ ...grantJob, count: grants });
    const floor = await replayConcurrently(pool, plan, bounds);

    await load.run({ ...loginJob, count: o.smoke ? 1 : 10 });
    o.log(`${logins} sign-ins by authorization code, ${loginJob.concurrency} at a time`);
    const signedIn = await load.run({ ...loginJob, count: logins });
    const hashing = await runConcurrent(
      { count: logins, concurrency: loginJob.concurrency, deadlineMs: o.deadlineMs },
      async () => {
        if (!(await verifyPassword(stored, DEMO_PERSON_PASSWORD))) throw new Error('no match');
      },
    );

    const measurements: Record<string, Measurement> = {
      grant: withBaseline(
        'client-credentials grants (POST /oidc/token, client_secret_basic, scope certificates:issue)',
        measured(granted),
        'the statements one grant sent (client lookup, token stored), replayed through pg, in process',
        measured(floor.report),
      ),
      login: withBaseline(
        'sign-ins by authorization code with PKCE: authorize, login form, consent, code for tokens (a fresh browser each)',
        measured(signedIn),
        `argon2id verify of the password alone (${argon2.memoryCost} KiB, t=${argon2.timeCost}, p=${argon2.parallelism}), same concurrency, in process`,
        measured(hashing.report),
      ),
    };
    for (const [name, samples] of Object.entries(signedIn.steps)) {
      measurements[`login ${name}`] = {
        what: `sign-in step: ${name}`,
        ...measuredSamples(samples, signedIn.wallMs),
      };
    }
    const m = measurements.grant!;
    return {
      scale: { grants, logins },
      concurrency,
      measurements,
      targets: [
        checkTarget({
          name: 'client-credentials grants',
          measurement: 'grant',
          m,
          measured: m.opsPerSec,
          comparison: '≥',
          target: TARGET_GRANTS_PER_SEC,
          unit: 'grants/s',
        }),
      ],
      details: {
        loginConcurrency: loginJob.concurrency,
        argon2,
        statementsPerGrant: statementCounts([step]),
        keycloakSizing:
          'Keycloak sizing guide: about 120 client-credentials grants and 15 password logins per vCPU and second',
        errorsSample: [...firstErrors(granted.samples), ...firstErrors(signedIn.samples)],
        firstFloorError: floor.firstError ?? null,
        notes:
          'baselines: for grants, their SQL replayed through pg (the database floor); for sign-ins, the argon2id check of the password, which bounds any login. A sign-in is one fresh browser (no SSO session), so it always meets the login form and consent.',
      },
    };
  });
}

export const oidcTokensScenario: Scenario = {
  name: 'oidc-tokens',
  description:
    'the OpenID Provider: client-credentials grants per second and authorization-code sign-ins per second',
  run: runOidcTokens,
};
