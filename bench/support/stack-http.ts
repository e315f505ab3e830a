/**
 * A small JSON client over `node:http` with keep-alive and no socket limit: every simulated SME is its own
 * client, so requests never queue inside this process waiting for a socket (that would be the load generator's
 * delay, not the service's). Returns status, body and the time the response was complete.
 */
import { Agent, request } from 'node:http';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface HttpResult {
  status: number;
  body: Json;
  /** Date.now() when the response body was complete. */
  doneAt: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 512 });

export function http(method: string, url: string, token: string | null, body?: unknown, timeoutMs = 60_000): Promise<HttpResult> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string | number> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = payload.length;
  }
  return new Promise((resolve) => {
    const req = request(url, { method, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let parsed: Json = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, doneAt: Date.now() });
      });
      res.on('error', (error) => resolve({ status: 0, body: { code: `NETWORK: ${error.message}` }, doneAt: Date.now() }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, body: { code: `NETWORK: ${error.message}` }, doneAt: Date.now() }));
    req.end(payload);
  });
}

/** The response's error code (problem+json `code`), or its status. */
export function outcome(result: HttpResult): string {
  if (result.status >= 200 && result.status < 300) return String(result.status);
  const code = result.body && typeof result.body === 'object' ? result.body.code : undefined;
  return code ? `${result.status} ${code}` : String(result.status);
}

export function closeHttp(): void {
  agent.destroy();
}
