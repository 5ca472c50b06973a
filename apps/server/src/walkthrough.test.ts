import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from './test-support/app.js';
import { freePort } from './modules/payments/testing.js';

// The API walkthrough (docs/api-walkthrough.md) is scripts/walkthrough.sh; this test runs that
// very script against a real server on a free port, so the document, the script and the test
// cannot drift apart.

const script = path.resolve(import.meta.dirname, '../../../scripts/walkthrough.sh');

let t: TestApp;
let base: string;

before(async () => {
  // the simulated payment gateway calls back at ZT_PUBLIC_URL: the port is chosen first
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  t = await createTestApp({ catalogue: true, env: { ZT_PUBLIC_URL: base } });
  await t.app.listen({ host: '127.0.0.1', port });
});

after(async () => {
  await t.close();
});

/** Runs a command without blocking the event loop (the server answers from this process). */
function run(
  command: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('the API walkthrough runs from login to completion, for a citizen and a bundle', async () => {
  // the outbox and the durable jobs (the gateway's callbacks) run in the background on a
  // running server; here the test drives them
  const dispatching = setInterval(() => void t.kernel.dispatcher.dispatchOnce(), 100);
  const working = setInterval(() => void t.kernel.jobs.runOnce(), 100);
  const result = await run('bash', [script, base]).finally(() => {
    clearInterval(dispatching);
    clearInterval(working);
  });
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /walkthrough complete/);
  // the parallel step and the bundle's completion were really reached
  assert.match(result.stdout, /部门会签意见 · 国家税务总局郑州市税务局/);
  assert.match(result.stdout, /社会保险登记（单位参保登记）: approved/);
  // the fee was ordered at 受理, paid through the simulated gateway and receipted
  assert.match(result.stdout, /缴款码 \d{20}: 不动产登记费（住宅类） 80 元/);
  assert.match(result.stdout, /票据 PJ\d{16}: 80 元 · 缴款人 张\*/);
});

test('the walkthrough exits non-zero on an unexpected answer', async () => {
  // a server that is not there: the first call fails and the script says so
  const result = await run('bash', [script, 'http://127.0.0.1:9']);
  assert.notEqual(result.code, 0);
});
