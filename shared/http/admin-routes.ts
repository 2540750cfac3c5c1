import { Hono } from 'hono';
import { adminApi } from './admin-api.js';
import { adminPages } from './admin-pages.js';
import type { AppDeps, AppEnv, ReviewDeps } from './context.js';
import { limitPerMinute } from './rate-limit.js';

/** The secretariat's workspace: its pages and its JSON API, sharing one sign-in limit. */
export function secretariat(deps: AppDeps, review: ReviewDeps, now: () => Date) {
  const limitSignIns = limitPerMinute(review.signInsPerMinute ?? 10);
  const routes = new Hono<AppEnv>();
  routes.route('/', adminApi(deps, review, now, limitSignIns));
  routes.route('/', adminPages(deps, review, now, limitSignIns));
  return routes;
}
