import { Layout, type PageProps } from './layout.js';

/** A page that says one thing: an error, or a notice, with the way back. */
export function MessagePage(props: PageProps & { title: string; message: string }) {
  return (
    <Layout {...props} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">{props.t.errors.backHome}</a>
      </p>
    </Layout>
  );
}
