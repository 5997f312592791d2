// Worker-thread entry for the merge lanes (see pool.ts): runs InputReader calls, transferring the deflated row data.
import { parentPort } from 'node:worker_threads';
import { InputReader, type BuildReply } from './input.js';
import type { Method } from './pool.js';

const reader = new InputReader();

parentPort?.on('message', (m: { id: number; method: Method; payload: unknown }) => {
  void (async () => {
    try {
      const result = await (reader[m.method] as (p: unknown) => Promise<unknown>).call(reader, m.payload);
      const transfer =
        m.method === 'build' ? (result as BuildReply).sheets.map((s) => s.data.buffer as ArrayBuffer) : [];
      parentPort!.postMessage({ id: m.id, result }, transfer);
    } catch (err) {
      parentPort!.postMessage({ id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  })();
});
