/**
 * A process's live memory after a full garbage collection, read over the V8 inspector (the process runs with
 * `--inspect=127.0.0.1:<port>`, benchmarks only): `HeapProfiler.collectGarbage`, then `process.memoryUsage()`.
 * A heap read at a random moment lands anywhere on the collector's sawtooth; the heap after a full collection
 * is what the process still holds, so a leak shows as a rising series and a sawtooth does not.
 */
import WebSocket from 'ws';

export interface LiveMemory {
  /** Bytes, after the collection. */
  rss: number;
  heapUsed: number;
  external: number;
}

export async function liveMemory(inspectorPort: number, timeoutMs = 30_000): Promise<LiveMemory> {
  const signal = AbortSignal.timeout(timeoutMs);
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`, { signal })).json()) as Array<{ webSocketDebuggerUrl: string }>;
  if (!targets[0]) throw new Error(`no inspector target on port ${inspectorPort}`);
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  let next = 0;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  const timer = setTimeout(() => socket.terminate(), timeoutMs);
  try {
    await new Promise<void>((open, fail) => {
      socket.once('open', () => open());
      socket.once('error', fail);
      socket.once('close', () => fail(new Error(`inspector on port ${inspectorPort} closed`)));
    });
    socket.on('close', () => pending.forEach((w) => w.reject(new Error(`inspector on port ${inspectorPort} closed`))));
    await call('HeapProfiler.collectGarbage');
    const evaluated = (await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })) as {
      result: { value: string };
    };
    const usage = JSON.parse(evaluated.result.value) as { rss: number; heapUsed: number; external: number };
    return { rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external };
  } finally {
    clearTimeout(timer);
    socket.close();
  }
}
