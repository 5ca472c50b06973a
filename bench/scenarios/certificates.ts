import crypto from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import type { Certificate, Verification } from '@zhengtong/contracts';
import { makeCreditCode, organisationCodeCheckCharacter } from '@zhengtong/gb';
import { systemActor } from '../../apps/server/src/kernel/actor.js';
import { SM2_SIGNATURE_OPTIONS } from '../../apps/server/src/kernel/crypto.js';
import { DEMO_STAFF_PASSWORD } from '../../apps/server/src/modules/identity/demo-accounts.js';
import { findByIdentifier } from '../../apps/server/src/modules/certificates/store.js';
import { referenceCertificateTypeCode } from '../../apps/server/src/modules/certificates/reference-certificate-types.js';
import type { LoadRequest } from '../lib/load-driver.js';
import { checkTarget, firstErrors, loop, measured, withBaseline } from '../lib/measure.js';
import type { Measurement, ScenarioResult, TargetCheck } from '../lib/results.js';
import { signIn } from '../lib/sessions.js';
import type { Target } from '../lib/target.js';
import type { Scenario, ScenarioOptions } from './types.js';

const API = '/api/v1/certificates';
const ISSUER = '郑州市市场监督管理局';
const TARGET_OPS = 300;

export const DEFAULTS = { issue: 3000, verify: 3000, smokeIssue: 5, smokeVerify: 10 };

/** A valid GB 32100 credit code (郑州, 企业), distinct for each `n` of a run. */
export function creditCodeFor(run: number, n: number): string {
  const body = String((run + n) % 100_000_000).padStart(8, '0');
  return makeCreditCode(`91410100${body}${organisationCodeCheckCharacter(body)}`);
}

/** The body of the n-th issuance: a 营业执照 for a different enterprise each time. */
function issueBody(issuerOrganisationId: string, run: number, n: number): object {
  return {
    typeCode: referenceCertificateTypeCode('营业执照'),
    holder: {
      kind: 'enterprise',
      creditCode: creditCodeFor(run, n),
      name: `河南政通压测第${n}科技有限公司`,
    },
    issuerOrganisationId,
    data: {
      enterpriseName: `河南政通压测第${n}科技有限公司`,
      enterpriseType: '有限责任公司（自然人投资或控股）',
      legalRepresentativeName: '李四',
      registeredCapital: 100 + (n % 900),
      registeredAddress: `河南省郑州市金水区花园路 ${1 + (n % 200)} 号`,
      businessScope: '软件开发；信息系统集成服务；数据处理和存储支持服务',
    },
  };
}

async function runCertificates(target: Target, o: ScenarioOptions): Promise<ScenarioResult> {
  const { app, baseUrl, load } = target;
  const concurrency = o.concurrency ?? 8;
  const issueCount = o.count ?? (o.smoke ? DEFAULTS.smokeIssue : DEFAULTS.issue);
  const verifyCount = o.counts.verify ?? (o.smoke ? DEFAULTS.smokeVerify : DEFAULTS.verify);
  const run = crypto.randomInt(0, 50_000_000);

  const { items } = await app.directory.listOrganisations(systemActor('bench'), {
    region: '410100',
    kind: 'department',
  });
  const issuer = items.find((org) => org.name === ISSUER);
  if (!issuer) throw new Error(`no demo organisation ${ISSUER}: is the demo data seeded?`);
  const cookie = await signIn(baseUrl, 'zz-approver', DEMO_STAFF_PASSWORD);
  const issueRequest = (n: number): LoadRequest => ({
    method: 'POST',
    path: API,
    headers: { cookie },
    body: issueBody(issuer.id, run, n),
  });

  // warm-up (not measured): the server's JIT, the pool's connections, the validators. A few
  // checked one by one, then a concurrent batch as large as a tenth of the measured phase, so
  // that the measured phase sees the server in its steady state, not compiling
  const warmUp = o.smoke ? 1 : Math.max(20, concurrency * 2);
  let sample: Certificate | undefined;
  for (let i = 0; i < warmUp; i++) {
    const req = issueRequest(issueCount + i);
    const res = await fetch(new URL(req.path, baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(req.body),
    });
    if (res.status !== 201) throw new Error(`warm-up issue: ${res.status} ${await res.text()}`);
    sample = (await res.json()) as Certificate;
    const v = await fetch(new URL(`${API}/verify/${sample.identifier}`, baseUrl));
    const verification = (await v.json()) as Verification;
    if (verification.status !== 'valid') {
      throw new Error(`warm-up verify: ${v.status} ${JSON.stringify(verification)}`);
    }
  }

  const deadlineMs = o.deadlineMs;
  const warmBatch = o.smoke ? 0 : Math.ceil(issueCount / 10);
  if (warmBatch > 0) {
    const warm = await load.run({
      baseUrl,
      requests: Array.from({ length: warmBatch }, (_, n) => issueRequest(issueCount + warmUp + n)),
      concurrency,
      deadlineMs,
      requestTimeoutMs: 30_000,
      expectStatus: 201,
    });
    if (warm.samples.some((s) => !s.ok)) {
      throw new Error(`warm-up batch: ${firstErrors(warm.samples).join('; ')}`);
    }
  }
  o.log(`issuing ${issueCount} certificates, ${concurrency} at a time`);
  const issued = await load.run({
    baseUrl,
    requests: Array.from({ length: issueCount }, (_, n) => issueRequest(n)),
    concurrency,
    deadlineMs,
    requestTimeoutMs: 30_000,
    expectStatus: 201,
    pick: 'identifier',
  });
  const identifiers = issued.samples.flatMap((s) => (s.ok && s.picked ? [s.picked] : []));
  if (identifiers.length === 0) {
    throw new Error(`no certificate was issued: ${firstErrors(issued.samples).join('; ')}`);
  }

  o.log(`verifying ${verifyCount} times over the ${identifiers.length} issued`);
  const verified = await load.run({
    baseUrl,
    requests: Array.from({ length: verifyCount }, (_, n) => ({
      method: 'GET' as const,
      path: `${API}/verify/${encodeURIComponent(identifiers[n % identifiers.length]!)}`,
    })),
    concurrency,
    deadlineMs,
    requestTimeoutMs: 30_000,
    expectStatus: 200,
    expectField: { name: 'status', value: 'valid' },
  });

  // the signed text of an issued certificate: the baselines sign and verify the same bytes
  const row = await findByIdentifier(app.kernel.db.orm, identifiers[0]!);
  if (!row) throw new Error(`issued ${identifiers[0]} is not stored`);
  const payload = new Uint8Array(Buffer.from(app.kernel.fieldCrypto.decrypt(row.payloadSealed)));

  o.log(`baseline: sm-crypto-v2 over a ${payload.length}-byte payload`);
  const keys = sm2.generateKeyPairHex();
  // as the server signs: the public key (hashed into Z) given, not derived per signature
  const signOptions = { ...SM2_SIGNATURE_OPTIONS, publicKey: keys.publicKey };
  const signature = sm2.doSignature(payload, keys.privateKey, signOptions);
  if (!sm2.doVerifySignature(payload, signature, keys.publicKey, SM2_SIGNATURE_OPTIONS)) {
    throw new Error('the baseline signature does not verify');
  }
  const warmBaseline = o.smoke ? 2 : 50;
  loop(warmBaseline, () => sm2.doSignature(payload, keys.privateKey, signOptions));
  const signBase = loop(Math.max(issueCount, o.smoke ? 0 : 500), () =>
    sm2.doSignature(payload, keys.privateKey, signOptions),
  );
  // as the server verifies: against the seal's public key precomputed once (kernel/crypto.ts)
  const point = sm2.precomputePublicKey(keys.publicKey);
  loop(warmBaseline, () => sm2.doVerifySignature(payload, signature, point, SM2_SIGNATURE_OPTIONS));
  const verifyBase = loop(Math.max(verifyCount, o.smoke ? 0 : 500), () => {
    if (!sm2.doVerifySignature(payload, signature, point, SM2_SIGNATURE_OPTIONS)) {
      throw new Error('baseline verify failed');
    }
  });

  const issue = withBaseline(
    'certificates issued (POST /api/v1/certificates)',
    measured(issued, true),
    'sm-crypto-v2 sm2.doSignature (public key given), one process, sequential',
    signBase,
  );
  const verify = withBaseline(
    'certificates verified (GET /api/v1/certificates/verify/{identifier})',
    measured(verified, true),
    'sm-crypto-v2 sm2.doVerifySignature (precomputed key), one process, sequential',
    verifyBase,
  );
  const check = (name: string, key: string, m: Measurement): TargetCheck =>
    checkTarget({
      name,
      measurement: key,
      m,
      measured: m.opsPerSec,
      comparison: '≥',
      target: TARGET_OPS,
      unit: `${name}/s`,
      notes:
        m.baseline && m.baseline.opsPerSec < TARGET_OPS
          ? [`the bare library alone reaches only ${m.baseline.opsPerSec}/s on one core`]
          : [],
    });
  return {
    scale: { issue: issueCount, verify: verifyCount },
    concurrency,
    measurements: { issue, verify },
    targets: [check('issued', 'issue', issue), check('verified', 'verify', verify)],
    details: {
      payloadBytes: payload.length,
      issuer: ISSUER,
      typeCode: referenceCertificateTypeCode('营业执照'),
      distinctIdentifiersVerified: Math.min(identifiers.length, verifyCount),
      warmUpRequests: warmUp + warmBatch,
      sm2Options: SM2_SIGNATURE_OPTIONS,
      issueErrorsSample: firstErrors(issued.samples),
      verifyErrorsSample: firstErrors(verified.samples),
    },
  };
}

export const certificatesScenario: Scenario = {
  name: 'certificates',
  description:
    'certificates issued per second (SM2 sign + persist) and verified per second, over HTTP, beside bare sm-crypto-v2 sign/verify',
  run: runCertificates,
};
