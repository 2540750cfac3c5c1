import { createHash } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ConsultationCatalogue } from '../consultation.js';
import { NotFoundError } from '../errors.js';
import type { QuotePolicy } from '../screening.js';
import type {
  ModelStore,
  ReportFileId,
  ReportManifest,
  ReportStore,
  SubmissionStore,
} from '../stores/ports.js';
import { byLanguage, reportFiles } from '../stores/s3-reports.js';
import { buildTracedReport, type ReportModel } from './model.js';
import { buildOutline, type Outline } from './outline.js';
import { renderDocx } from './render/docx.js';
import { renderHtml } from './render/html.js';
import { renderJson } from './render/json.js';
import { renderMarkdown } from './render/md.js';
import { renderPdf } from './render/pdf.js';
import { renderSecretariatJson } from './trace.js';

/**
 * The report compiler: reads a consultation's submissions page by page, builds the model, renders
 * the five formats and stores them as a draft. Only an admin's publication makes a draft public.
 *
 * Input: the stores, the consultation id. Output: where the report is, its sizes, how long it took.
 * Main course:
 * 1. the cut-off is now: submissions received later wait for the next run;
 * 2. the model is built as pages stream in (bounded memory);
 * 3. when its content (dates aside) equals the newest draft's, nothing is written: a timer that
 *    runs every few minutes does not pile up identical drafts;
 * 4. each format is written under `reports/<id>/<stamp>/`, then the secretariat JSON (the model
 *    with the ids behind every count) and the draft's manifest last, so that a half-written run
 *    is never listed. A failure on the way removes the files already written; `latest.json`
 *    (the latest published report) is never touched by a compile.
 */
export interface CompileDeps {
  store: SubmissionStore;
  reports: ReportStore;
  models?: ModelStore;
  catalogue: ConsultationCatalogue;
  logger: Logger;
  now?: () => Date;
  /** Who may be quoted and named; `reviewed` unless an admin widened it. */
  quotePolicy?: QuotePolicy;
}

export interface CompileResult {
  stamp: string;
  keys: ReportManifest['keys'];
  sizes: ReportManifest['sizes'];
  submissions: number;
  durationMs: number;
  /** True when the content had not changed and the newest draft was kept as it was. */
  unchanged: boolean;
  /** Where the time went: reading and counting, rendering the formats in each language, writing them. */
  phases: { readMs: number; renderMs: number; writeMs: number };
}

const PAGE_SIZE = 500;

/** The document formats draw the outline of one language; the JSON is the model itself, as data. */
const EMITTERS = { html: renderHtml, md: renderMarkdown, docx: renderDocx, pdf: renderPdf } as const;

function render(
  model: ReportModel,
  file: ReportFileId,
  outline: () => Outline,
): Uint8Array | Promise<Uint8Array> {
  return file.format === 'json' ? renderJson(model) : EMITTERS[file.format](outline());
}

/** The cut-off, compacted into a folder name that sorts as time does. */
export const stampOf = (at: Date) => at.toISOString().replace(/[-:.]/g, '');

/** What the report says, without when it was said: equal fingerprints mean equal reports. */
function fingerprint(model: ReportModel): string {
  const { generatedAt: _generated, cutoff: _cutoff, ...content } = model;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export async function compileReport(deps: CompileDeps, consultationId: string): Promise<CompileResult> {
  const now = deps.now ?? (() => new Date());
  const started = performance.now();
  const consultation = deps.catalogue.get(consultationId);
  if (!consultation) throw new NotFoundError('consultation');

  const cutoff = now();
  const manifest = await deps.models?.current();
  const { model, trace } = await buildTracedReport(
    consultation,
    deps.store.listByConsultation(consultationId, PAGE_SIZE),
    {
      cutoff,
      generatedAt: now(),
      ...(manifest ? { manifest } : {}),
      ...(deps.models ? { manifestOf: deps.models.manifest.bind(deps.models) } : {}),
      ...(deps.quotePolicy ? { quotePolicy: deps.quotePolicy } : {}),
    },
  );
  const phases = { readMs: Math.round(performance.now() - started), renderMs: 0, writeMs: 0 };
  const print = fingerprint(model);
  const [latest] = await deps.reports.list(consultationId);
  if (latest?.fingerprint === print) {
    const durationMs = Math.round(performance.now() - started);
    deps.logger.info('report unchanged', { consultationId, stamp: latest.stamp, durationMs });
    return { ...pick(latest), durationMs, unchanged: true, phases };
  }

  const stamp = stampOf(cutoff);
  const written: string[] = [];
  const stored = new Map<string, { key: string; size: number }>();
  const outlines = new Map<string, Outline>();
  const outlineOf = (language: NonNullable<ReportFileId['language']>) => () => {
    let outline = outlines.get(language);
    if (!outline) {
      outline = buildOutline(model, language, consultation);
      outlines.set(language, outline);
    }
    return outline;
  };
  const id = (file: ReportFileId) => `${file.language ?? ''}.${file.format}`;
  const keys = () => byLanguage((file) => stored.get(id(file))?.key ?? '');
  const sizes = () => byLanguage((file) => stored.get(id(file))?.size ?? 0);
  try {
    for (const file of reportFiles()) {
      // One file in memory at a time: rendered, stored, let go.
      const rendering = performance.now();
      const body = await render(model, file, outlineOf(file.language ?? 'en'));
      const writing = performance.now();
      phases.renderMs += Math.round(writing - rendering);
      const key = await deps.reports.put(consultationId, stamp, file, body);
      phases.writeMs += Math.round(performance.now() - writing);
      written.push(key);
      stored.set(id(file), { key, size: body.byteLength });
    }
    const next: ReportManifest = {
      consultationId,
      stamp,
      generatedAt: model.generatedAt,
      keys: keys(),
      sizes: sizes(),
      submissions: model.counts.included,
      fingerprint: print,
      coverage: model.counts.coverage,
      modelVersions: model.methodology.tagVersions,
    };
    await deps.reports.saveDraft(next, renderSecretariatJson(model, trace));
  } catch (error) {
    await deps.reports.discard(written).catch((cleanup: unknown) =>
      deps.logger.warn('could not remove the files of a failed report', {
        consultationId,
        stamp,
        error: cleanup,
      }),
    );
    throw error;
  }
  const durationMs = Math.round(performance.now() - started);
  deps.logger.info('report draft compiled', {
    consultationId,
    stamp,
    submissions: model.counts.included,
    sizes: sizes(),
    durationMs,
    phases,
  });
  return {
    stamp,
    keys: keys(),
    sizes: sizes(),
    submissions: model.counts.included,
    durationMs,
    unchanged: false,
    phases,
  };
}

function pick(manifest: ReportManifest) {
  return {
    stamp: manifest.stamp,
    keys: manifest.keys,
    sizes: manifest.sizes,
    submissions: manifest.submissions,
  };
}
