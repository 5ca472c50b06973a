import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { generateSm2KeyPair, sm2Verify } from './crypto.js';
import { createSm2Signer } from './sm2-signer.js';

describe('SM2 signer (worker threads)', () => {
  const keys = generateSm2KeyPair();
  const messages = [
    '{"holder":"张三","type":"营业执照"}',
    '',
    'x'.repeat(10_000),
    crypto.randomBytes(512).toString('base64'),
  ];

  for (const threads of [0, 1, 2]) {
    it(`${threads} thread(s): 60 concurrent signatures, each verifies for its message only`, async () => {
      const signer = createSm2Signer(threads);
      try {
        const wanted = Array.from(
          { length: 60 },
          (_, i) => `${messages[i % messages.length]}#${i}`,
        );
        const signatures = await Promise.all(
          wanted.map((m) => signer.sign(m, keys.privateKey, keys.publicKey)),
        );
        assert.equal(new Set(signatures).size, 60, 'SM2 signatures are randomised');
        for (const [i, m] of wanted.entries()) {
          assert.equal(sm2Verify(m, signatures[i]!, keys.publicKey), true, `message ${i}`);
          assert.equal(sm2Verify(`${m} `, signatures[i]!, keys.publicKey), false);
        }
      } finally {
        await signer.close();
      }
    });
  }

  it('a bad private key fails that signature only; the thread goes on signing', async () => {
    const signer = createSm2Signer(1);
    try {
      await assert.rejects(
        signer.sign('m', 'not hex at all', keys.publicKey),
        /SM2 signing failed/,
      );
      const ok = await signer.sign('m', keys.privateKey, keys.publicKey);
      assert.equal(sm2Verify('m', ok, keys.publicKey), true);
    } finally {
      await signer.close();
    }
  });

  it('the public key given is the one Z hashes: a wrong one gives a signature nobody verifies', async () => {
    const other = generateSm2KeyPair();
    const signer = createSm2Signer(1);
    try {
      const s = await signer.sign('营业执照', keys.privateKey, other.publicKey);
      assert.equal(sm2Verify('营业执照', s, keys.publicKey), false);
    } finally {
      await signer.close();
    }
  });

  it('a thread that cannot start: every signature is made inline instead', async () => {
    const signer = createSm2Signer(2, { workerSource: "throw new Error('no library here')" });
    try {
      const signatures = await Promise.all(
        Array.from({ length: 6 }, (_, i) => signer.sign(`m${i}`, keys.privateKey, keys.publicKey)),
      );
      signatures.forEach((sig, i) => assert.equal(sm2Verify(`m${i}`, sig, keys.publicKey), true));
      const later = await signer.sign('later', keys.privateKey, keys.publicKey);
      assert.equal(sm2Verify('later', later, keys.publicKey), true);
    } finally {
      await signer.close();
    }
  });

  it('a thread that dies with signatures in hand: they are made inline, none is lost', async () => {
    // answers the first request (with an error), then dies on the next ones
    const dying = `
      const { parentPort } = require('node:worker_threads');
      let n = 0;
      parentPort.on('message', (req) => {
        if (n++ === 0) parentPort.postMessage({ id: req.id, error: 'first' });
        else process.exit(3);
      });`;
    const signer = createSm2Signer(1, { workerSource: dying });
    try {
      await assert.rejects(signer.sign('a', keys.privateKey, keys.publicKey), /first/);
      const [b, c] = await Promise.all([
        signer.sign('b', keys.privateKey, keys.publicKey),
        signer.sign('c', keys.privateKey, keys.publicKey),
      ]);
      assert.equal(sm2Verify('b', b, keys.publicKey), true);
      assert.equal(sm2Verify('c', c, keys.publicKey), true);
    } finally {
      await signer.close();
    }
  });

  it('after close, signing is refused and what was in hand fails', async () => {
    const signer = createSm2Signer(2);
    const inHand = Array.from({ length: 20 }, () =>
      signer.sign('m', keys.privateKey, keys.publicKey).then(
        () => 'signed',
        (err: Error) => err.message,
      ),
    );
    await signer.close();
    for (const outcome of await Promise.all(inHand)) {
      assert.ok(outcome === 'signed' || /closed/.test(outcome), outcome);
    }
    await assert.rejects(signer.sign('m', keys.privateKey, keys.publicKey), /closed/);
  });
});
