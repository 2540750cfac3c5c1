import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/logger.js';
import type { Runtime } from '../../shared/runtime.js';
import type { Submission } from '../../shared/submission.js';
import { compileReport } from '../../shared/synthesis/compile.js';
import type { ReportModel } from '../../shared/synthesis/model.js';
import { runTaggingPass } from '../../shared/tagging/run.js';
import {
  CONSULTATION_ID,
  postJson,
  submissionBody,
  submissionsPath,
  type testApp,
} from '../support/factories.js';
import { docx, FREE_FORM, lyingZipBomb, pdf, type SampleContent } from './samples.js';
import { documentsApp, uploadDocument } from './support.js';

const logger = createLogger('test', 'SILENT');

/** Sentences the model tags with confidence: media (R7) and teachers against prejudice (R3). */
const MEDIA =
  'Journalists shape how people see migrants. We propose regular dialogue between the ministry and newsrooms, training for reporters on migration coverage, and media campaigns that build public support.';
const TEACHERS =
  'Teachers are the first to hear pupils repeat racist prejudice about newcomers. We train teachers and youth educators to discuss xenophobia in the classroom, so that young people question negative stereotypes.';

const FOLLOWS_THE_QUESTIONS: SampleContent = {
  title: 'Written input of the Press Council',
  sections: [
    { heading: 'Question 2', paragraphs: [TEACHERS] },
    { heading: 'Question 3', paragraphs: [MEDIA] },
  ],
};

let runtime: Runtime;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  ({ runtime, app } = await documentsApp());
});

/** Uploads a file as a client would, and submits it with the given consent and typed answers. */
async function submitDocument(
  bytes: Uint8Array,
  options: { organization: string; quote: boolean; answers?: Record<string, string> },
): Promise<{ id: string; receiptToken: string }> {
  const { uploadId } = await uploadDocument(app, bytes);
  const base = submissionBody({ consent: { quote: options.quote, attribution: true } });
  const response = await postJson(app, submissionsPath(), {
    ...base,
    stakeholder: { ...(base.stakeholder as object), organization: options.organization },
    answers: options.answers ?? {},
    document: { uploadId },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; receiptToken: string };
}

const stored = async (id: string) => (await runtime.store.get(id))?.submission as Submission;
const pass = (now?: () => Date) =>
  runTaggingPass({
    store: runtime.store,
    models: runtime.models,
    reading: runtime,
    logger,
    ...(now ? { now } : {}),
  });

describe('a document in the tagging pass', () => {
  it('is read before tagging: its sentences become evidence, and with consent, quotes in the report', async () => {
    const { id: quoted } = await submitDocument(await docx(FOLLOWS_THE_QUESTIONS), {
      organization: 'Press Council',
      quote: true,
    });
    const { id: private_ } = await submitDocument(await pdf({ sections: [{ paragraphs: [MEDIA] }] }), {
      organization: 'Quiet Union',
      quote: false,
    });

    const summary = await pass();
    expect(summary).toMatchObject({ tagged: 2, failed: 0 });

    const submission = await stored(quoted);
    expect(submission.extraction).toMatchObject({ status: 'ok', characters: expect.any(Number) });
    expect(submission.documentAnswers).toEqual({
      mode: 'by_question',
      starts: { document: 0, Q2: 0, Q3: 0 },
    });
    expect(submission.answers).toEqual({
      document: 'Written input of the Press Council',
      Q2: TEACHERS,
      Q3: MEDIA,
    });
    const r7 = submission.tags.find((t) => t.recommendationId === 'R7');
    expect(r7?.questionId).toBe('Q3');
    for (const evidence of r7?.evidence ?? []) {
      expect(MEDIA).toContain(evidence.text);
      expect(submission.answers[evidence.questionId]?.slice(evidence.start, evidence.end)).toBe(
        evidence.text,
      );
    }

    // The free-form PDF is one general answer; it is tagged, but its words stay out of the report.
    const unquoted = await stored(private_);
    expect(unquoted.documentAnswers?.mode).toBe('whole');
    expect(unquoted.tags.map((t) => t.recommendationId)).toContain('R7');

    const result = await compileReport(
      {
        store: runtime.store,
        reports: runtime.reports,
        models: runtime.models,
        catalogue: runtime.catalogue,
        logger,
        // Widened to tagged submissions: this is about a document's sentences and consent, not review.
        quotePolicy: 'tagged',
      },
      CONSULTATION_ID,
    );
    const file = await runtime.reports.open(result.keys.en.json);
    const report = JSON.parse(await new Response(file?.body).text()) as ReportModel;
    const r7Section = report.recommendations.find((r) => r.id === 'R7');
    expect(r7Section?.submissions).toBe(2);
    const quotes = r7Section?.quotes ?? [];
    expect(quotes.some((q) => MEDIA.includes(q.text) && q.attribution === 'Press Council')).toBe(true);
    expect(quotes.some((q) => q.attribution === 'Quiet Union')).toBe(false);
    // The first pass trains the fallback model (grouped CV and calibration), and a compile draws four
    // formats in three languages: minutes on a busy machine.
  }, 180_000);

  it('keeps typed answers first when a document answers the same question', async () => {
    const typed = 'Our city funds a welcome desk.';
    const { id, receiptToken } = await submitDocument(await docx(FOLLOWS_THE_QUESTIONS), {
      organization: 'City',
      quote: true,
      answers: { Q3: typed },
    });
    await pass();
    const submission = await stored(id);
    expect(submission.answers.Q3).toBe(`${typed}\n\n${MEDIA}`);
    expect(submission.documentAnswers?.starts.Q3).toBe(typed.length + 2);
    // The submitter's own view shows what they typed, not what was read from their document.
    const own = await app.request(`/api/submissions/${id}`, {
      headers: { authorization: `Bearer ${receiptToken}` },
    });
    expect(((await own.json()) as { answers: Record<string, string> }).answers).toEqual({ Q3: typed });
  });

  it('fails a hostile document alone, with its status, and tags the rest of the batch', async () => {
    const { id: bomb } = await submitDocument(await lyingZipBomb(), {
      organization: 'Bomb',
      quote: true,
      answers: { Q2: TEACHERS },
    });
    const { id: scan } = await submitDocument(await pdf({ sections: [] }, { pagesOfShapes: 2 }), {
      organization: 'Scan',
      quote: true,
    });
    const { id: fine } = await submitDocument(await pdf(FREE_FORM), { organization: 'Union', quote: true });

    const summary = await pass();
    expect(summary).toMatchObject({ tagged: 3, failed: 0 });

    const bombed = await stored(bomb);
    expect(bombed.extraction).toMatchObject({ status: 'failed', reason: 'archive_too_large' });
    expect(bombed.status).toBe('tagged');
    // Its typed answer is still tagged: only the document failed.
    expect(bombed.tags.map((t) => t.recommendationId)).toContain('R3');
    expect((await stored(scan)).extraction).toMatchObject({
      status: 'needs_manual_reading',
      reason: 'no_text_layer',
      pages: 2,
    });
    expect((await stored(fine)).extraction?.status).toBe('ok');
  });

  it('records a document whose file is no longer stored as missing', async () => {
    const { id } = await submitDocument(await pdf(FREE_FORM), { organization: 'Gone', quote: true });
    await runtime.documents.delete((await stored(id)).document?.key ?? '');
    await pass();
    expect((await stored(id)).extraction).toMatchObject({ status: 'failed', reason: 'missing' });
  });

  it('records a document whose reading a dead pass left unfinished as interrupted, instead of reading it again', async () => {
    const { id } = await submitDocument(await pdf(FREE_FORM), {
      organization: 'Stuck',
      quote: true,
    });
    const before = await stored(id);
    // What a pass that died in the middle of reading leaves behind.
    await runtime.store.startExtraction(id, before.version, '2026-11-01T10:00:00.000Z');

    const soon = await pass(() => new Date('2026-11-01T10:00:10.000Z'));
    expect(soon.skipped).toBeGreaterThanOrEqual(1);
    expect((await stored(id)).extraction).toBeUndefined();

    await pass(() => new Date('2026-11-01T10:05:00.000Z'));
    const after = await stored(id);
    expect(after.extraction).toMatchObject({ status: 'failed', reason: 'interrupted' });
    expect(after.status).toBe('tagged');
  });
});
