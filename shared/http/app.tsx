import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { languageDetector } from 'hono/language';
import { secureHeaders } from 'hono/secure-headers';
import type { Language } from '../consultation.js';
import { secretariat } from './admin-routes.js';
import type { AppDeps, AppEnv } from './context.js';
import { CATALOGUES, isLanguage } from './i18n/index.js';
import { documentHtml } from './pages/layout.js';
import { MessagePage } from './pages/message-page.js';
import { internalProblem, type Problem, toProblem } from './problems.js';
import { publicApi } from './public-api.js';
import { publicPages } from './public-pages.js';
import { reportRoutes } from './report-routes.js';
import { requestIds } from './request-id.js';
import { resendRoutes } from './resend-routes.js';
import { uploadRoutes } from './upload-routes.js';

/** nginx's status for a request the client closed before the answer: no one receives it. */
const CLIENT_CLOSED_REQUEST = 499;

/** A report file in the web format, public or previewed: `report.html`, `synthesis.html`. */
const REPORT_PAGE = /\/(?:report|synthesis)\.html$/;

const wantsJson = (path: string) => path.startsWith('/api/') || path === '/healthz';

/**
 * The whole HTTP app: public pages, the public JSON API, and (later) the secretariat's.
 * Built from its dependencies so the Lambda, `npm start` and the tests run the same code.
 */
export function createApp(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const app = new OpenAPIHono<AppEnv>();

  app.use(requestIds);
  const siteHeaders = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      scriptSrc: ["'self'"],
      // The form without JavaScript posts a document straight to the store (see upload-routes).
      formAction: ["'self'", ...(deps.documents ? [deps.documents.uploadOrigin] : [])],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    // Private links carry a receipt token: no page may pass its URL on to another site.
    referrerPolicy: 'no-referrer',
  });
  // The synthesis report's web page is one self-contained document (its styles inline, no script,
  // nothing fetched) that opens in the browser: it gets a policy of its own, which allows its inline
  // styles and nothing else.
  const reportHeaders = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'unsafe-inline'"],
      imgSrc: ['data:'],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
  });
  app.use((c, next) => (REPORT_PAGE.test(c.req.path) ? reportHeaders(c, next) : siteHeaders(c, next)));
  app.use(
    languageDetector({
      supportedLanguages: ['en', 'fr', 'es'],
      fallbackLanguage: 'en',
      order: ['querystring', 'cookie', 'header'],
      lookupQueryString: 'lang',
      lookupCookie: 'lang',
      caches: ['cookie'],
      cookieOptions: { sameSite: 'Lax', secure: true, httpOnly: true, maxAge: 365 * 24 * 3600, path: '/' },
      convertDetectedLanguage: (code) => code.slice(0, 2).toLowerCase(),
    }),
  );
  app.use(async (c, next) => {
    const detected = c.get('language');
    const lang: Language = isLanguage(detected) ? detected : 'en';
    c.set('lang', lang);
    c.set('t', CATALOGUES[lang]);
    const started = performance.now();
    await next();
    // No query string, body or header values: they can carry tokens and personal data.
    deps.logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
    });
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  if (deps.review) app.route('/', secretariat(deps, deps.review, now));
  app.route('/', reportRoutes(deps));
  const api = publicApi(deps, now);
  api.route('/', uploadRoutes(deps, now));
  api.route('/', resendRoutes(deps, now));
  app.route('/', api);
  app.route(
    '/',
    publicPages(deps, now, () => {
      const doc = api.getOpenAPI31Document({ openapi: '3.1.0', info: { title: '', version: '' } });
      return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
        (['get', 'post', 'delete', 'patch', 'put'] as const)
          .filter((method) => item?.[method])
          .map((method) => ({ method, path, summary: item?.[method]?.summary ?? '' })),
      );
    }),
  );

  const respond = (c: Context<AppEnv>, problem: Problem) => {
    for (const [name, value] of Object.entries(problem.headers ?? {})) c.header(name, value);
    if (wantsJson(c.req.path)) {
      const { status, headers: _headers, ...error } = problem;
      return c.json({ error, requestId: c.get('requestId') }, status);
    }
    const t = c.get('t') ?? CATALOGUES.en;
    const page = (
      <MessagePage
        lang={c.get('lang') ?? 'en'}
        t={t}
        here={c.req.path}
        title={t.errors.title}
        message={problem.message}
      />
    );
    return c.html(documentHtml(page), problem.status);
  };

  app.notFound((c) => respond(c, notFound(c)));
  app.onError((error, c) => {
    // A client that went away mid-request (a closed tab, a dropped connection) is no fault of ours:
    // logged as such, with nginx's 499, so that neither the logs nor a 5xx count take it for one.
    if (c.req.raw.signal.aborted) {
      deps.logger.info('client aborted', { requestId: c.get('requestId'), error: error.message });
      return new Response(null, { status: CLIENT_CLOSED_REQUEST });
    }
    const lang = c.get('lang') ?? 'en';
    const t = CATALOGUES[lang];
    const problem = toProblem(error, lang);
    if (problem) {
      if (problem.status >= 500)
        deps.logger.warn('unavailable', { requestId: c.get('requestId'), error: error.name });
      return respond(c, problem);
    }
    deps.logger.error('unhandled error', { requestId: c.get('requestId'), error });
    return respond(c, internalProblem(t));
  });

  return app;
}

function notFound(c: Context<AppEnv>): Problem {
  const t = c.get('t') ?? CATALOGUES.en;
  return { status: 404, code: 'not_found', message: t.errors.notFound };
}

export type App = ReturnType<typeof createApp>;
