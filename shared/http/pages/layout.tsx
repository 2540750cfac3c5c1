import type { Child } from 'hono/jsx';
import { LANGUAGES, type Language } from '../../consultation.js';
import { CATALOGUES, type Catalogue } from '../i18n/index.js';

export interface PageProps {
  lang: Language;
  t: Catalogue;
  /** The current path and query, so the language switch stays on this page. */
  here: string;
}

/**
 * A page with a half-filled form: the language switch submits that form (buttons tied to it by
 * its id), so the page comes back in the other language with what was typed, without JavaScript.
 */
export interface LanguageSwitchForm {
  id: string;
  action: string;
}

/** The field a language-switch button adds to the form it submits: a re-display, not a submission. */
export const LANGUAGE_SWITCH_FIELD = 'switchLanguage';

function withLanguage(here: string, lang: Language): string {
  const url = new URL(here, 'http://x');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

export function Layout(
  props: PageProps & { title: string; children: Child; languageForm?: LanguageSwitchForm },
) {
  const { lang, t, here, title, children, languageForm } = props;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t.site.name}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip" href="#main">
          {t.site.skipToContent}
        </a>
        <header class="site">
          <div class="bar">
            <a href="/">{t.site.name}</a>
            <nav aria-label={t.site.languageSwitch}>
              <ul>
                {LANGUAGES.map((code) => (
                  <li>
                    {languageForm ? (
                      <button
                        type="submit"
                        form={languageForm.id}
                        formaction={withLanguage(languageForm.action, code)}
                        name={LANGUAGE_SWITCH_FIELD}
                        value={code}
                        lang={code}
                        aria-current={code === lang ? 'true' : undefined}
                      >
                        {CATALOGUES[code].languageName}
                      </button>
                    ) : (
                      <a
                        href={withLanguage(here, code)}
                        lang={code}
                        hreflang={code}
                        aria-current={code === lang ? 'true' : undefined}
                      >
                        {CATALOGUES[code].languageName}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site">
          <div>
            <p>
              {t.site.footer} <a href="/api-reference">{t.site.apiReference}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** hono/jsx emits no doctype; every page needs one to render in standards mode. */
export function documentHtml(node: unknown): string {
  return `<!DOCTYPE html>${String(node)}`;
}
