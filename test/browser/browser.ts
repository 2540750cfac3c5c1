import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser: `.ci/run` installs it. */
export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium with a fresh profile in a temporary folder (downloads land there too, outside the repo). */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'gcm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    acceptDownloads: true,
    downloadsPath: join(profile, 'downloads'),
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Serves an app on a free port of this machine, as `npm start` does on a fixed one. */
export async function serveApp(fetch: (request: Request) => Response | Promise<Response>) {
  // No hostname: bound to every local address, so localhost works whether it resolves to IPv4 or IPv6.
  const server = serve({ fetch, port: 0 });
  await new Promise<void>((ready) => server.once('listening', () => ready()));
  const { port } = server.address() as AddressInfo;
  return {
    // localhost, not 127.0.0.1: Chromium keeps Secure cookies for it over plain HTTP.
    url: `http://localhost:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
