import { readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startLocalStack } from '../bench/support.js';
import { submissionBody, submissionsPath } from './support/factories.js';

/** The local addresses (hex, as the kernel lists them) of the IPv4 sockets listening on a port. */
async function listeningAddresses(port: number): Promise<string[]> {
  const table = await readFile('/proc/net/tcp', 'utf8');
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A')
    .map((cols) => (cols[1] as string).split(':')[0] as string);
}

/** A POST whose Host header says another site, as a forged request would. */
function postWithHost(url: string, host: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(
      url,
      { method: 'POST', headers: { host, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', fail);
    req.end(JSON.stringify(body));
  });
}

describe('npm start', () => {
  it('listens on 127.0.0.1 unless HOST says otherwise, and links receipts to the address it prints', async () => {
    const local = await startLocalStack();
    try {
      const port = Number(new URL(local.url).port);
      // 0100007F is 127.0.0.1; every interface would be 00000000.
      expect(await listeningAddresses(port)).toEqual(['0100007F']);
      const response = await postWithHost(
        `${local.url}${submissionsPath()}`,
        'evil.example',
        submissionBody(),
      );
      expect(response.status).toBe(201);
      const { viewUrl } = JSON.parse(response.body) as { viewUrl: string };
      expect(viewUrl.startsWith(`http://localhost:${port}/submissions/`)).toBe(true);
    } finally {
      await local.stop();
      await rm(local.dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
