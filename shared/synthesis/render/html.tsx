import { raw } from 'hono/html';
import { STAKEHOLDER_TYPES } from '../../submission.js';
import type { DistinctiveTerm, Quote, ReportModel } from '../model.js';
import {
  formatDay,
  formatMoment,
  HEADINGS,
  LABELS,
  LANGUAGE_NAMES,
  percent,
  SENTENCES,
  STAKEHOLDER_LABELS,
  TITLE,
} from '../wording.js';
import {
  cellText,
  contributorGroups,
  type HeatLevel,
  heatLevel,
  heatShades,
  reportTables,
  sessionRows,
  type TableSpec,
  termsByLanguage,
} from './shared.js';

/**
 * The report as one self-contained HTML file: styles inline, charts as inline SVG with a table
 * beside each, no script and nothing fetched. hono/jsx escapes every text and attribute value.
 */

const CSS = `
:root { --ink: #1b2733; --muted: #4a5966; --un: #005a9c; --line: #c9d3dc; --panel: #f3f6f9; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); font: 16px/1.55 "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
header.cover { border-top: 8px solid var(--un); padding-top: 1rem; margin-bottom: 2rem; }
.eyebrow { color: var(--muted); text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; margin: 0; }
h1 { font-size: 2rem; line-height: 1.2; margin: .4rem 0 .6rem; color: var(--un); }
.subtitle { font-size: 1.1rem; margin: 0 0 1rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 2px solid var(--un); }
h3 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1rem 0 .4rem; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
table { border-collapse: collapse; min-width: 60%; margin: .75rem 0 1.25rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; }
thead th { background: var(--panel); } tbody th { font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.recommendation { border-left: 4px solid var(--un); background: var(--panel); margin: .5rem 0 1rem; padding: .6rem 1rem; }
.year { color: var(--muted); white-space: nowrap; }
figure { margin: 1rem 0 1.5rem; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: .9rem; margin-top: .3rem; }
blockquote { margin: .75rem 0; padding: .5rem 1rem; border-left: 3px solid var(--line); }
blockquote p { margin: 0 0 .3rem; }
.attribution { color: var(--muted); font-size: .9rem; margin: 0; }
.terms { display: flex; flex-wrap: wrap; gap: .35rem; list-style: none; padding: 0; margin: .3rem 0 .8rem; }
.terms li { background: var(--panel); border: 1px solid var(--line); border-radius: 3px; padding: .05rem .45rem; font-size: .9rem; }
.note { color: var(--muted); font-size: .92rem; }
nav.toc ol { columns: 2; padding-left: 1.25rem; }
ul.names { columns: 2; column-gap: 2rem; padding-left: 1.25rem; margin: .25rem 0 1rem; }
ul.names li { break-inside: avoid; }
.heat td.n { min-width: 2.2rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .75rem; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  section > h2 { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  blockquote, figure, tr, .recommendation { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

function QuoteBlock({ quote }: { quote: Quote }) {
  return (
    <blockquote lang={quote.language}>
      <p>“{quote.text}”</p>
      <p class="attribution" lang="en">
        — {quote.attribution}
        {quote.campaignSize ? `, ${SENTENCES.campaignOf(quote.campaignSize)}` : ''}
        {quote.language !== 'en' ? ` ${SENTENCES.quoteLanguage(quote.language)}` : ''}
      </p>
    </blockquote>
  );
}

function Terms({ terms }: { terms: DistinctiveTerm[] }) {
  if (terms.length === 0) return <p class="note">{SENTENCES.noTerms}</p>;
  return (
    <>
      {termsByLanguage(terms).map(([language, list]) => (
        <>
          <p class="note">{LANGUAGE_NAMES[language]}</p>
          <ul class="terms" lang={language}>
            {list.map((t) => (
              <li>{t.term}</li>
            ))}
          </ul>
        </>
      ))}
    </>
  );
}

/** A table with its first column as row headers; numbers right-aligned; optional links and heat shading. */
function SpecTable(props: {
  spec: TableSpec;
  caption?: string;
  rowHref?: (row: number) => string;
  shade?: (row: number, column: number) => HeatLevel | undefined;
}) {
  const { spec, caption, rowHref, shade } = props;
  const numeric = (i: number) => (spec.numeric[i] ? 'n' : undefined);
  return (
    <table>
      {caption && <caption>{caption}</caption>}
      {spec.head.some((h) => h) && (
        <thead>
          <tr>
            {spec.head.map((h, i) => (
              <th scope="col" class={numeric(i)}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {spec.rows.map((row, r) => (
          <tr>
            {row.map((value, c) => {
              const text = cellText(value);
              if (c === 0) return <th scope="row">{rowHref ? <a href={rowHref(r)}>{text}</a> : text}</th>;
              const level = shade?.(r, c);
              return (
                <td
                  class={numeric(c)}
                  style={level ? `background:${level.fill};color:${level.ink}` : undefined}
                >
                  {text}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Horizontal bars, one a recommendation; the summary table after it carries the same numbers. */
function BarChart({ model }: { model: ReportModel }) {
  const rows = model.recommendations;
  const max = Math.max(1, ...rows.map((r) => r.submissions));
  const barHeight = 26;
  const left = 48;
  const width = 640;
  const plot = width - left - 70;
  const height = rows.length * barHeight + 10;
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="chart-bars-title chart-bars-desc"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id="chart-bars-title">{HEADINGS.chartsRecommendations}</title>
        <desc id="chart-bars-desc">
          {rows.map((r) => `${r.id}: ${r.submissions} (${percent(r.share)})`).join('; ')}
        </desc>
        {rows.map((r, i) => {
          const y = 5 + i * barHeight;
          const w = Math.max((r.submissions / max) * plot, r.submissions > 0 ? 2 : 0);
          return (
            <g>
              <text x={0} y={y + 17} font-size="14" font-weight="600" fill="#1b2733">
                {r.id}
              </text>
              <rect x={left} y={y + 3} width={w} height={barHeight - 8} fill="#005a9c" />
              <text x={left + w + 6} y={y + 17} font-size="13" fill="#1b2733">
                {`${r.submissions} (${percent(r.share)})`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{SENTENCES.chartCaption}</figcaption>
    </figure>
  );
}

/** Stakeholder types down, recommendations across; the table after it carries the same numbers. */
function HeatMap({ model }: { model: ReportModel }) {
  const recs = model.recommendations;
  const types = STAKEHOLDER_TYPES;
  const cell = 52;
  const left = 200;
  const top = 24;
  const width = left + recs.length * cell;
  const height = top + types.length * 30;
  const max = Math.max(1, ...recs.flatMap((r) => types.map((t) => r.byStakeholderType[t])));
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="chart-heat-title chart-heat-desc"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id="chart-heat-title">{HEADINGS.heatMap}</title>
        <desc id="chart-heat-desc">{SENTENCES.heatMapCaption}</desc>
        {recs.map((r, j) => (
          <text
            x={left + j * cell + cell / 2}
            y={16}
            font-size="13"
            font-weight="600"
            text-anchor="middle"
            fill="#1b2733"
          >
            {r.id}
          </text>
        ))}
        {types.map((t, i) => (
          <g>
            <text x={left - 8} y={top + i * 30 + 19} font-size="13" text-anchor="end" fill="#1b2733">
              {STAKEHOLDER_LABELS[t]}
            </text>
            {recs.map((r, j) => {
              const value = r.byStakeholderType[t];
              const level = heatLevel(value, max);
              return (
                <g>
                  <rect
                    x={left + j * cell + 1}
                    y={top + i * 30 + 1}
                    width={cell - 2}
                    height={28}
                    fill={level.fill}
                  />
                  <text
                    x={left + j * cell + cell / 2}
                    y={top + i * 30 + 19}
                    font-size="12"
                    text-anchor="middle"
                    fill={level.ink}
                  >
                    {String(value)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption>{SENTENCES.heatMapCaption}</figcaption>
    </figure>
  );
}

function Report({ model }: { model: ReportModel }) {
  const tables = reportTables(model);
  const { session, counts } = model;
  const sections = [
    ['session', HEADINGS.session],
    ['participation', HEADINGS.participation],
    ['recommendations', HEADINGS.recommendations],
    ['questions', HEADINGS.questions],
    ['gaps', HEADINGS.gaps],
    ['contributors', HEADINGS.contributors],
    ['methodology', HEADINGS.methodology],
  ] as const;
  const modelSpec = tables.model;
  const accuracy = tables.accuracy;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${TITLE}: ${session.workingSession}, ${session.title}`}</title>
        {/* Our own constant, not user text: escaping it would break its quoted font names. */}
        <style>{raw(CSS)}</style>
      </head>
      <body>
        <main>
          <header class="cover">
            <p class="eyebrow">{session.title}</p>
            <h1>{TITLE}</h1>
            <p class="subtitle">{SENTENCES.subtitle(session.workingSession, session.cluster)}</p>
            <dl class="facts">
              {sessionRows(model).map(([label, value]) => (
                <>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </>
              ))}
            </dl>
          </header>

          <nav class="toc" aria-labelledby="toc-heading">
            <h2 id="toc-heading">{HEADINGS.contents}</h2>
            <ol>
              {sections.map(([id, label]) => (
                <li>
                  <a href={`#${id}`}>{label}</a>
                </li>
              ))}
            </ol>
          </nav>

          <section aria-labelledby="session">
            <h2 id="session">{HEADINGS.session}</h2>
            <p>{session.objective}</p>
            <p>{SENTENCES.intro(counts.included, counts.analysed)}</p>
            {counts.awaitingAnalysis > 0 && <p class="note">{SENTENCES.awaiting(counts.awaitingAnalysis)}</p>}
            {counts.campaigns.groups > 0 && (
              <p class="note">{SENTENCES.campaigns(counts.campaigns.groups, counts.campaigns.submissions)}</p>
            )}
            <SpecTable spec={tables.counts} />
          </section>

          <section aria-labelledby="participation">
            <h2 id="participation">{HEADINGS.participation}</h2>
            {tables.participation.map(([caption, spec]) => (
              <SpecTable spec={spec} caption={caption} />
            ))}
          </section>

          <section aria-labelledby="recommendations">
            <h2 id="recommendations">{HEADINGS.recommendations}</h2>
            <BarChart model={model} />
            <SpecTable
              spec={tables.recommendations}
              caption={HEADINGS.chartsRecommendations}
              rowHref={(row) => `#${model.recommendations[row]?.id}`}
            />
            <HeatMap model={model} />
            <SpecTable spec={tables.heat} caption={HEADINGS.heatMap} shade={heatShades(tables.heat)} />
            <p class="note">{SENTENCES.quoteConsent}</p>
            {model.recommendations.map((r) => (
              <section aria-labelledby={r.id}>
                <h3 id={r.id}>
                  {`${LABELS.recommendation} ${r.id.slice(1)}`} <span class="year">({r.year})</span>
                </h3>
                <p class="recommendation">{r.text}</p>
                <p>{SENTENCES.addressed(r.submissions, r.share, r.reviewed)}</p>
                {r.campaigns.count > 0 && (
                  <p class="note">{SENTENCES.campaignWeight(r.campaigns.count, r.campaigns.submissions)}</p>
                )}
                {r.submissions > 0 && (
                  <p class="note">
                    {STAKEHOLDER_TYPES.filter((t) => r.byStakeholderType[t] > 0)
                      .map((t) => `${STAKEHOLDER_LABELS[t]}: ${r.byStakeholderType[t]}`)
                      .join(' · ')}
                  </p>
                )}
                <h4>{HEADINGS.terms}</h4>
                <Terms terms={r.terms} />
                <h4>{HEADINGS.quotes}</h4>
                {r.quotes.length === 0 && <p class="note">{SENTENCES.noQuotes}</p>}
                {r.quotes.length > 0 && r.quotes.length < 3 && r.submissions > r.quotes.length && (
                  <p class="note">{SENTENCES.fewQuotes(r.quotes.length)}</p>
                )}
                {r.quotes.map((q) => (
                  <QuoteBlock quote={q} />
                ))}
              </section>
            ))}
          </section>

          <section aria-labelledby="questions">
            <h2 id="questions">{HEADINGS.questions}</h2>
            <SpecTable
              spec={tables.matrix}
              caption={HEADINGS.mapping}
              rowHref={(row) => `#${model.questions[row]?.id}`}
            />
            {model.questions.map((q) => (
              <section aria-labelledby={q.id}>
                <h3 id={q.id}>{`${LABELS.question} ${q.id.slice(1)}`}</h3>
                <p class="recommendation">{q.text}</p>
                <p>{SENTENCES.answered(q.answers)}</p>
                <h4>{HEADINGS.keyPoints}</h4>
                {q.keyPoints.length === 0 && <p class="note">{SENTENCES.noKeyPoints}</p>}
                {q.keyPoints.map((k) => (
                  <QuoteBlock quote={k} />
                ))}
              </section>
            ))}
          </section>

          <section aria-labelledby="gaps">
            <h2 id="gaps">{HEADINGS.gaps}</h2>
            <p>{SENTENCES.gapsIntro(model.gaps.submissions)}</p>
            {model.gaps.submissions > 0 && (
              <>
                <h3>{HEADINGS.terms}</h3>
                <Terms terms={model.gaps.terms} />
                <h3>{HEADINGS.quotes}</h3>
                {model.gaps.quotes.length === 0 && <p class="note">{SENTENCES.noQuotes}</p>}
                {model.gaps.quotes.map((q) => (
                  <QuoteBlock quote={q} />
                ))}
              </>
            )}
          </section>

          <section aria-labelledby="contributors">
            <h2 id="contributors">{HEADINGS.contributors}</h2>
            <p>
              {model.contributors.length > 0
                ? SENTENCES.contributorsIntro(model.contributors.length)
                : SENTENCES.noContributors}
            </p>
            {contributorGroups(model).map((group) => (
              <>
                <h3>{group.heading}</h3>
                <ul class="names">
                  {group.names.map((name) => (
                    <li>{name}</li>
                  ))}
                </ul>
              </>
            ))}
          </section>

          <section aria-labelledby="methodology">
            <h2 id="methodology">{HEADINGS.methodology}</h2>
            {SENTENCES.method.map((p) => (
              <p>{p}</p>
            ))}
            <h3>{HEADINGS.model}</h3>
            {modelSpec ? <SpecTable spec={modelSpec} /> : <p>{SENTENCES.noModel}</p>}
            {modelSpec && (
              <>
                <h3>{HEADINGS.accuracy}</h3>
                {accuracy ? (
                  <SpecTable
                    spec={accuracy}
                    caption={`${LABELS.dataset}: ${model.methodology.model?.evaluation?.dataset ?? ''}`}
                  />
                ) : (
                  <p>{SENTENCES.noEvaluation}</p>
                )}
              </>
            )}
            <h3>{HEADINGS.review}</h3>
            <p>{SENTENCES.reviewCoverage(model.methodology.reviewedSubmissions, counts.analysed)}</p>
            <SpecTable spec={tables.review} />
            <h3>{HEADINGS.languageCoverage}</h3>
            <SpecTable spec={tables.languages} />
          </section>
          <footer>
            <p>{SENTENCES.footer(formatMoment(model.generatedAt))}</p>
            <p>{`${session.title} · ${formatDay(session.date)}`}</p>
          </footer>
        </main>
      </body>
    </html>
  );
}

export function renderHtml(model: ReportModel): Uint8Array {
  return new TextEncoder().encode(`<!DOCTYPE html>${String(<Report model={model} />)}`);
}
