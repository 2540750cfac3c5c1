import { Hono } from 'hono';
import { adminApi } from './admin-api.js';
import { secretariatDeps } from './admin-auth.js';
import { adminPages } from './admin-pages.js';
import type { AppDeps, AppEnv, ReviewDeps } from './context.js';

/** The secretariat's workspace: its pages and its JSON API. */
export function secretariat(deps: AppDeps, review: ReviewDeps, now: () => Date) {
  const built = secretariatDeps(deps, review, now);
  const routes = new Hono<AppEnv>();
  routes.route('/', adminApi(built));
  routes.route('/', adminPages(built));
  return routes;
}
