import { Hono } from 'hono';
import type { MailCatcher } from './mail-catcher.js';

/**
 * `/local/mailbox` and `/local/mailbox.json`: what the embedded catcher received, newest first.
 * Served only by the local runner, in front of the app; the Lambda's app has no such route.
 */
export function mailboxRoutes(catcher: MailCatcher) {
  const routes = new Hono();
  const listed = () =>
    catcher
      .messages()
      .map(({ to, subject, text, html, receivedAt }) => ({ to, subject, text, html, receivedAt }));

  routes.get('/local/mailbox.json', (c) => c.json(listed()));
  routes.get('/local/mailbox', (c) => {
    const messages = listed();
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(
      `<!DOCTYPE html>${String(
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <title>Local mailbox</title>
            <style>
              {
                'body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em}pre{white-space:pre-wrap;background:#f4f4f4;padding:1em}'
              }
            </style>
          </head>
          <body>
            <h1>Local mailbox</h1>
            <p>
              Mail the app sent while <code>npm start</code> runs, newest first. Nothing here left this
              machine; it is gone when <code>npm start</code> stops. As JSON:{' '}
              <a href="/local/mailbox.json">/local/mailbox.json</a>.
            </p>
            {messages.length === 0 && <p>No mail yet. Send input through the form, then reload this page.</p>}
            {messages.map((m) => (
              <article>
                <h2>{m.subject}</h2>
                <p>
                  To <strong>{m.to}</strong>, {m.receivedAt}
                </p>
                <ul>
                  {[...m.text.matchAll(/https?:\/\/\S+/g)].map(([link]) => (
                    <li>
                      <a href={link}>{link}</a>
                    </li>
                  ))}
                </ul>
                <pre>{m.text}</pre>
              </article>
            ))}
          </body>
        </html>,
      )}`,
    );
  });
  return routes;
}
