import { raw } from 'hono/html';
import type { Block, ChartBlock, Heading, Inline, Outline, TableBlock } from '../outline.js';
import { heatLevel } from './shared.js';

/**
 * The outline as one self-contained HTML page: styles inline, no script, nothing fetched. hono/jsx
 * escapes every text and attribute value. Wide tables scroll inside their own box (their caption
 * stays in view, their first column sticks) so that the page itself fits a 390 px phone.
 */

const CSS = `
:root { --ink: #1b2733; --muted: #4a5966; --un: #005a9c; --line: #c9d3dc; --panel: #f3f6f9; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); font: 16px/1.55 "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; overflow-wrap: break-word; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; border-top: 8px solid var(--un); }
.eyebrow { color: var(--muted); text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; margin: 0; }
h1 { font-size: 2rem; line-height: 1.2; margin: .4rem 0 .6rem; color: var(--un); }
.lead { font-size: 1.1rem; }
h2 { font-size: 1.45rem; line-height: 1.3; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 2px solid var(--un); }
h3 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1rem 0 .4rem; color: var(--muted); }
.scroll { overflow-x: auto; margin: .75rem 0 1.25rem; max-width: 100%; }
.scroll:focus { outline: 2px solid var(--un); }
table { border-collapse: collapse; min-width: 60%; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; position: sticky; left: 0; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; }
thead th { background: var(--panel); }
tbody th { font-weight: 600; background: #fff; position: sticky; left: 0; }
.right { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.box { border-left: 4px solid var(--un); background: var(--panel); padding: .6rem 1rem; }
.note { color: var(--muted); font-size: .92rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
figure { margin: 1rem 0 .5rem; }
.bars { display: grid; grid-template-columns: max-content 1fr; gap: .3rem .6rem; align-items: center; }
.bars a { font-weight: 600; }
.bar { display: flex; align-items: center; gap: .4rem; font-size: .9rem; white-space: nowrap; }
.bar span.fill { display: inline-block; height: 1.1rem; background: var(--un); min-width: 2px; }
figcaption { color: var(--muted); font-size: .9rem; margin-top: .3rem; }
blockquote { margin: .75rem 0; padding: .5rem 1rem; border-left: 3px solid var(--line); }
blockquote p { margin: 0 0 .3rem; }
.attribution { color: var(--muted); font-size: .9rem; }
ul.columns { columns: 2 14rem; column-gap: 2rem; }
ul.columns li { break-inside: avoid; }
nav.toc ol { columns: 2 14rem; padding-left: 1.25rem; }
@media (max-width: 30rem) { h1 { font-size: 1.6rem; } table { font-size: .85rem; } th, td { padding: .3rem .35rem; } }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { font-size: 10.5pt; } main { max-width: none; padding: 0; border: 0; }
  h2.break { break-before: page; } h2, h3, h4 { break-after: avoid; }
  blockquote, figure, tr, .box { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

function Runs({ runs }: { runs: Inline[] }) {
  return (
    <>
      {runs.map((run) => {
        let node = <>{run.text}</>;
        if (run.emphasis) node = <em>{node}</em>;
        if (run.strong) node = <strong>{node}</strong>;
        return run.href ? <a href={run.href}>{node}</a> : node;
      })}
    </>
  );
}

function HeadingTag({ block }: { block: Heading }) {
  const props = { id: block.id, class: block.breakBefore ? 'break' : undefined };
  if (block.level === 1) return <h1 {...props}>{block.text}</h1>;
  if (block.level === 2) return <h2 {...props}>{block.text}</h2>;
  if (block.level === 3) return <h3 {...props}>{block.text}</h3>;
  return <h4 {...props}>{block.text}</h4>;
}

function Table({ table }: { table: TableBlock }) {
  const align = (i: number) => (table.align[i] === 'right' ? 'right' : undefined);
  const captionId = `${table.id}-caption`;
  return (
    // A focusable, labelled region: a keyboard user can scroll a table wider than the screen.
    <section class="scroll" aria-labelledby={captionId} tabindex={0}>
      <table>
        <caption id={captionId} class={table.captionHidden ? 'visually-hidden' : undefined}>
          {table.caption}
        </caption>
        <thead>
          <tr>
            {table.head.map((h, i) => (
              <th scope="col" class={align(i)}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr>
              {row.map((cell, i) => {
                const content = cell.href ? <a href={cell.href}>{cell.text}</a> : cell.text;
                if (i === 0 && table.rowHeaders) return <th scope="row">{content}</th>;
                const level = cell.shade === undefined ? undefined : heatLevel(cell.shade);
                return (
                  <td
                    class={align(i)}
                    style={level ? `background:${level.fill};color:${level.ink}` : undefined}
                  >
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Bars drawn in HTML (they reflow on a phone, their text stays full size); the table follows. */
function Chart({ chart }: { chart: ChartBlock }) {
  const max = Math.max(1, ...chart.bars.map((b) => b.value));
  return (
    <>
      {chart.chart === 'bars' && (
        <figure role="img" aria-label={chart.alt}>
          <div class="bars" aria-hidden="true">
            {chart.bars.map((bar) => (
              <>
                <a href={bar.href}>{bar.label}</a>
                <span class="bar">
                  <span class="fill" style={`width:${((bar.value / max) * 75).toFixed(1)}%`} />
                  {bar.display}
                </span>
              </>
            ))}
          </div>
          <figcaption>{chart.caption}</figcaption>
        </figure>
      )}
      {chart.chart === 'heat' && <p class="note">{chart.caption}</p>}
      <Table table={chart.table} />
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading':
      return <HeadingTag block={block} />;
    case 'paragraph':
      return (
        <p class={block.style}>
          <Runs runs={block.runs} />
        </p>
      );
    case 'table':
      return <Table table={block} />;
    case 'chart':
      return <Chart chart={block} />;
    case 'quote':
      return (
        <blockquote lang={block.language}>
          <p>“{block.text}”</p>
          <footer class="attribution">
            — <cite>{block.attribution}</cite>
            {block.languageNote ? ` (${block.languageNote})` : ''}
          </footer>
        </blockquote>
      );
    case 'list':
      return (
        <ul class={block.columns ? 'columns' : undefined}>
          {block.items.map((item) => (
            <li>
              <Runs runs={item} />
            </li>
          ))}
        </ul>
      );
    case 'toc':
      return (
        <nav class="toc" aria-labelledby="toc-heading">
          <h2 id="toc-heading">{block.title}</h2>
          <ol>
            {block.entries.map((entry) => (
              <li>
                <a href={`#${entry.id}`}>{entry.text}</a>
              </li>
            ))}
          </ol>
        </nav>
      );
  }
}

export function renderHtml(outline: Outline): Uint8Array {
  const page = (
    <html lang={outline.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{outline.title}</title>
        {/* Our own constant, not user text: escaping it would break its quoted font names. */}
        <style>{raw(CSS)}</style>
      </head>
      <body>
        <main>
          {outline.blocks.map((block) => (
            <BlockView block={block} />
          ))}
        </main>
      </body>
    </html>
  );
  return new TextEncoder().encode(`<!DOCTYPE html>${String(page)}`);
}
