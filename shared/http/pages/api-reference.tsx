import { LIMITS } from '../../submission.js';
import { plural } from '../i18n/index.js';
import { Layout, type PageProps } from './layout.js';

export interface Operation {
  method: string;
  path: string;
  summary: string;
}

/** A readable index of the public API, made from the same OpenAPI document tools read. */
export function ApiReferencePage(props: PageProps & { operations: Operation[] }) {
  const { t, lang } = props;
  const openapi = '/api/openapi.json';
  const [before, after] = t.apiPage.intro.split('{openapi}');
  const [errorsBefore, errorsAfter] = t.apiPage.errors.split('{shape}');
  return (
    <Layout {...props} title={t.apiPage.title}>
      <h1>{t.apiPage.title}</h1>
      <p>
        {before}
        <a href={openapi}>
          <code>{openapi}</code>
        </a>
        {after}
      </p>
      <p>{plural(lang, t.apiPage.limits, LIMITS.answerChars, { body: LIMITS.bodyBytes / 1024 })}</p>
      <p>
        {errorsBefore}
        <code>{'{"error": {"code", "message", "fields": [{"path", "code", "message"}]}, "requestId"}'}</code>
        {errorsAfter}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.apiPage.method}</th>
            <th scope="col">{t.apiPage.path}</th>
            <th scope="col">{t.apiPage.what}</th>
          </tr>
        </thead>
        <tbody>
          {props.operations.map((op) => (
            <tr>
              <td>
                <code>{op.method.toUpperCase()}</code>
              </td>
              <td>
                <code>{op.path}</code>
              </td>
              <td>{op.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
