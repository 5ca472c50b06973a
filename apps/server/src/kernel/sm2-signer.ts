import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { SM2_SIGNATURE_OPTIONS, sm2Sign } from './crypto.js';

/**
 * SM2 signing (SM3 over Z‖M, DER) off the event loop. A signature costs about half a
 * millisecond of CPU; on the request thread that is half a millisecond no other request is
 * served. With `threads` > 0 the signatures are made by that many worker threads, each taking
 * requests in turn; with 0 they are made inline (what a one-core machine wants).
 *
 * A thread that dies (it could not load the library, or crashed) hands the signatures it had in
 * hand to the request thread, which makes them inline: a signature has no side effect, so making
 * it again is safe. A thread that dies before signing anything is not started again, and the
 * signer signs inline from then on. close() ends the threads; what they had in hand fails.
 */
export interface Sm2Signer {
  sign(message: string, privateKey: string, publicKey: string): Promise<string>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (signature: string) => void;
  reject: (err: Error) => void;
  /** what to sign, should the thread die before it answers */
  args: [message: string, privateKey: string, publicKey: string];
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  /** whether it has answered anything (a thread that dies before has never worked) */
  answered: boolean;
}

/**
 * What a signing thread runs: sm-crypto-v2's doSignature with kernel/crypto's options, the
 * same call as sm2Sign (so the OpenSSL cross-checks of sm2Sign hold for it; the signer test
 * verifies its signatures with sm2Verify). Plain CommonJS, so that it loads the same from the
 * sources and from the build, whatever loader the parent runs under.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { sm2 } = require(workerData.library);
parentPort.on('message', (req) => {
  try {
    const signature = sm2.doSignature(new Uint8Array(Buffer.from(req.message, 'utf8')), req.privateKey, {
      ...workerData.options,
      publicKey: req.publicKey,
    });
    parentPort.postMessage({ id: req.id, signature });
  } catch (err) {
    parentPort.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) });
  }
});
`;

const require = createRequire(import.meta.url);

/** Signs on the calling thread. */
const inline = (message: string, privateKey: string, publicKey: string): Promise<string> => {
  try {
    return Promise.resolve(sm2Sign(message, privateKey, publicKey));
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
};

export function createSm2Signer(
  threads: number,
  /** for tests: what the threads run instead of the signing loop */
  options: { workerSource?: string } = {},
): Sm2Signer {
  if (threads <= 0) return { sign: inline, close: () => Promise.resolve() };
  const slots: (Thread | undefined)[] = Array.from({ length: threads }, () => undefined);
  let next = 0;
  let nextId = 0;
  let closed = false;
  let inlineOnly = false;

  const fail = (thread: Thread, err: Error) => {
    for (const p of thread.pending.values()) p.reject(err);
    thread.pending.clear();
  };

  /** A thread died: what it had in hand is signed here. */
  const takeOver = (thread: Thread) => {
    const pending = [...thread.pending.values()];
    thread.pending.clear();
    for (const p of pending) inline(...p.args).then(p.resolve, p.reject);
  };

  const spawn = (slot: number): Thread => {
    const worker = new Worker(options.workerSource ?? WORKER_SOURCE, {
      eval: true,
      workerData: { library: require.resolve('sm-crypto-v2'), options: SM2_SIGNATURE_OPTIONS },
    });
    const thread: Thread = { worker, pending: new Map(), answered: false };
    worker.on('message', (m: { id: number; signature?: string; error?: string }) => {
      thread.answered = true;
      const p = thread.pending.get(m.id);
      if (!p) return;
      thread.pending.delete(m.id);
      if (m.signature !== undefined) p.resolve(m.signature);
      else p.reject(new Error(`SM2 signing failed: ${m.error ?? 'no signature'}`));
    });
    const gone = () => {
      if (slots[slot] !== thread) return;
      slots[slot] = undefined;
      if (!thread.answered) inlineOnly = true;
      takeOver(thread);
    };
    worker.on('error', gone);
    worker.on('exit', gone);
    // idle threads do not keep the process alive; pending signatures do (ref below)
    worker.unref();
    slots[slot] = thread;
    return thread;
  };

  return {
    sign(message, privateKey, publicKey) {
      if (closed) return Promise.reject(new Error('the SM2 signer is closed'));
      if (inlineOnly) return inline(message, privateKey, publicKey);
      const slot = next;
      next = (next + 1) % threads;
      const thread = slots[slot] ?? spawn(slot);
      const id = nextId++;
      return new Promise<string>((resolve, reject) => {
        const settle = () => {
          if (thread.pending.size === 0) thread.worker.unref();
        };
        thread.pending.set(id, {
          resolve: (s) => (resolve(s), settle()),
          reject: (e) => (reject(e), settle()),
          args: [message, privateKey, publicKey],
        });
        thread.worker.ref();
        thread.worker.postMessage({ id, message, privateKey, publicKey });
      });
    },
    async close() {
      closed = true;
      await Promise.all(
        slots.map(async (thread, i) => {
          if (!thread) return;
          slots[i] = undefined;
          fail(thread, new Error('the SM2 signer is closed'));
          await thread.worker.terminate();
        }),
      );
    },
  };
}
