import { spawn } from 'node:child_process';
import { runtimeOn } from '../functions/local/embedded-stack.js';
import { readConfig } from '../shared/config.js';
import { createApp } from '../shared/http/app.js';
import { createLogger } from '../shared/logger.js';
import { addAccount } from '../shared/review/accounts.js';
import { DynamoDbReviewStore } from '../shared/stores/review-dynamodb.js';
import { percentile } from './support.js';

/** The secretariat's views a reviewer opens first, by the API routes the pages read. */
const VIEWS = {
  'triage list': (id: string) => `/api/admin/consultations/${id}/submissions`,
  campaigns: (id: string) => `/api/admin/consultations/${id}/campaigns`,
  dashboard: (id: string) => `/api/admin/consultations/${id}/dashboard`,
} as const;
const CALLS = 3;

export interface ViewTimes {
  /** Median milliseconds of each view over a few calls, after one warm-up call. */
  medianMs: Record<keyof typeof VIEWS, number>;
  peakRssMb: number;
}

/** Runs in the child: signs in as an admin, times each view, prints the figures as JSON. */
async function timeViews() {
  const config = readConfig();
  const runtime = await runtimeOn(
    { dynamoEndpoint: config.DYNAMODB_ENDPOINT ?? '', s3Endpoint: config.S3_ENDPOINT ?? '' },
    config,
  );
  const reviews = new DynamoDbReviewStore(runtime.dynamo, config.TABLE_NAME);
  const email = 'bench-admin@example.org';
  const password = 'bench admin password that is long';
  const cheap = { N: 1024, r: 8, p: 1 };
  await addAccount(
    { reviews, now: () => new Date(), passwordCost: cheap },
    { email: 'bench@example.org', role: 'admin', via: 'bearer' },
    { email, role: 'admin', password },
  );
  const app = createApp({
    store: runtime.store,
    catalogue: runtime.catalogue,
    reports: runtime.reports,
    logger: createLogger('bench', 'ERROR'),
    review: { reviews, passwordCost: cheap, signInsPerMinute: 1_000 },
  });
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { token } = (await login.json()) as { token: string };
  const id = runtime.catalogue.default.id;
  const medianMs = {} as ViewTimes['medianMs'];
  for (const [name, path] of Object.entries(VIEWS) as [keyof typeof VIEWS, (id: string) => string][]) {
    const times: number[] = [];
    for (let call = 0; call <= CALLS; call++) {
      const started = performance.now();
      const response = await app.request(path(id), { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${name} answered ${response.status}`);
      if (call > 0) times.push(performance.now() - started);
    }
    medianMs[name] = percentile(
      times.sort((a, b) => a - b),
      50,
    );
  }
  const measured: ViewTimes = { medianMs, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
  process.stdout.write(JSON.stringify(measured));
  runtime.dynamo.destroy();
  runtime.s3.destroy();
}

/** Runs one of this folder's measuring scripts in a process of its own, so its peak RSS is its own. */
export function measureInChild<T>(script: string, flag: string, env: Record<string, string>): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, flag], {
      env: { ...process.env, ...env, NODE_OPTIONS: '--openssl-legacy-provider' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`${script} ${flag} exited with ${code}`)),
    );
  });
}

export const timeViewsInChild = (env: Record<string, string>) =>
  measureInChild<ViewTimes>(import.meta.filename, '--views', env);

if (process.argv.includes('--views')) await timeViews();
