import { z } from 'zod';
import gfmd2017Cluster1 from '../fixtures/consultations/gfmd-2017-gcm-cluster-1.json' with { type: 'json' };

export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text the consultation publishes: English always, French and Spanish where translated. */
const localizedText = z.strictObject({
  en: z.string().min(1),
  fr: z.string().min(1).optional(),
  es: z.string().min(1).optional(),
});
export type LocalizedText = z.infer<typeof localizedText>;

export const consultationSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/),
  title: localizedText,
  workingSession: localizedText,
  cluster: localizedText,
  date: z.iso.date(),
  venue: localizedText,
  description: localizedText,
  objective: localizedText,
  questions: z.array(z.strictObject({ id: z.string().regex(/^Q\d+$/), text: localizedText })).min(1),
  recommendations: z
    .array(
      z.strictObject({
        id: z.string().regex(/^R\d+$/),
        year: z.string().min(4),
        text: localizedText,
        /**
         * The secretariat's coding rule for this recommendation (shared/CODEBOOK.md, condensed):
         * what a passage must advance to earn the tag, and what does not count. Reviewers see it
         * beside the tags; the report's methodology annex cites it.
         */
        codebook: z.strictObject({ include: localizedText, exclude: localizedText }).optional(),
      }),
    )
    .min(1),
  submissionWindow: z
    .strictObject({ opensAt: z.iso.datetime(), closesAt: z.iso.datetime() })
    .refine((w) => w.opensAt < w.closesAt, 'the window must open before it closes'),
});
export type Consultation = z.infer<typeof consultationSchema>;
export type SubmissionWindow = Consultation['submissionWindow'];

export function localize(text: LocalizedText, language: Language): string {
  return text[language] ?? text.en;
}

export function isWindowOpen(window: SubmissionWindow, now: Date): boolean {
  const t = now.toISOString();
  return t >= window.opensAt && t < window.closesAt;
}

/** The consultations this deployment serves, looked up by id. */
export class ConsultationCatalogue {
  readonly #byId: Map<string, Consultation>;

  constructor(consultations: readonly Consultation[]) {
    if (consultations.length === 0) throw new Error('a catalogue needs at least one consultation');
    this.#byId = new Map(consultations.map((c) => [c.id, c]));
  }

  get(id: string): Consultation | undefined {
    return this.#byId.get(id);
  }

  /** The consultation the landing page shows: the first one listed. */
  get default(): Consultation {
    return this.all()[0] as Consultation;
  }

  all(): Consultation[] {
    return [...this.#byId.values()];
  }
}

/** Validates a definition; the overrides let one deployment move the window without editing data. */
export function parseConsultation(
  raw: unknown,
  windowOverride: Partial<SubmissionWindow> = {},
): Consultation {
  const parsed = consultationSchema.parse(raw);
  return consultationSchema.parse({
    ...parsed,
    submissionWindow: { ...parsed.submissionWindow, ...windowOverride },
  });
}

/** Every consultation shipped in fixtures/consultations, validated at load. */
export function loadCatalogue(windowOverride: Partial<SubmissionWindow> = {}): ConsultationCatalogue {
  return new ConsultationCatalogue([parseConsultation(gfmd2017Cluster1, windowOverride)]);
}
