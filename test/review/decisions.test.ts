import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VersionConflictError } from '../../shared/errors.js';
import { auditEntry } from '../../shared/review/audit.js';
import { detectGroups } from '../../shared/review/campaigns.js';
import type { AuditEntry } from '../../shared/review/model.js';
import { shardOf, TABLE } from '../../shared/stores/table.js';
import type { Submission } from '../../shared/submission.js';
import { CONSULTATION_ID } from '../support/factories.js';
import {
  api,
  type BrowserSession,
  errorCode,
  getPage,
  postForm,
  type ReviewFixture,
  reviewFixture,
  seed,
  signInWithForm,
  tokenFor,
  untilListed,
} from './support.js';

let fx: ReviewFixture;
let token: string;
let browser: BrowserSession;

beforeAll(async () => {
  fx = await reviewFixture();
  token = await tokenFor(fx, 'decider@example.org', 'reviewer');
  browser = await signInWithForm(fx, 'clicker@example.org', 'reviewer');
});
afterAll(() => fx.runtime.dynamo.destroy());

const patch = (id: string, body: unknown) => api(fx, 'PATCH', `/api/admin/submissions/${id}`, token, body);
const stored = async (id: string) => (await fx.runtime.store.get(id))?.submission as Submission;
const history = async (id: string) =>
  (
    (await (await api(fx, 'GET', `/api/admin/submissions/${id}`, token)).json()) as {
      history: (AuditEntry & { landed: boolean })[];
    }
  ).history;

async function pendingIds(id: string) {
  return (await fx.runtime.store.listPending(String(shardOf(id)), 100)).items;
}

describe('PATCH /api/admin/submissions/:id', () => {
  it('confirms, rejects and adds tags; the decision is final for the tagger and audited', async () => {
    const s = await seed(fx, {
      tags: [
        ['R1', 0.9],
        ['R2', 0.4],
      ],
    });
    const response = await patch(s.id, {
      version: s.version,
      confirm: ['R1'],
      reject: ['R2'],
      add: ['R7'],
      note: 'Checked.',
    });
    expect(response.status).toBe(200);
    const after = await stored(s.id);
    expect(after.status).toBe('reviewed');
    expect(after.tags.map((t) => `${t.recommendationId}:${t.source}`)).toEqual([
      'R1:reviewer',
      'R7:reviewer',
    ]);
    expect(after.tags[0]?.evidence).toHaveLength(1);
    expect(after.rejectedTags).toEqual(['R2']);
    expect(after.reviewedBy).toBe('decider@example.org');
    expect(after.reviewNote).toBe('Checked.');
    expect(after.version).toBe(s.version + 1);
    expect(await pendingIds(s.id)).not.toContain(s.id);

    // The tagger, holding the version it read before, can no longer write its tags.
    await expect(
      fx.runtime.store.saveModelTags(s.id, s.version, {
        tags: [],
        modelVersion: 'model-2',
        taggedAt: fx.clock.now.toISOString(),
        language: 'en',
        status: 'tagged',
      }),
    ).rejects.toBeInstanceOf(VersionConflictError);

    const [entry] = await history(s.id);
    expect(entry).toMatchObject({
      actor: 'decider@example.org',
      action: 'review',
      version: s.version + 1,
      landed: true,
      before: { status: 'tagged', tags: ['R1:model', 'R2:model'], rejectedTags: [], reviewNote: null },
      after: {
        status: 'reviewed',
        tags: ['R1:reviewer', 'R7:reviewer'],
        rejectedTags: ['R2'],
        reviewNote: 'Checked.',
      },
    });
    const log = await fx.review.reviews.listAuditLog(
      CONSULTATION_ID,
      fx.clock.now.toISOString().slice(0, 10),
    );
    expect(log.map((e) => e.id)).toContain(entry?.id);
  });

  it('excludes with a reason, and includes again', async () => {
    const s = await seed(fx, { tags: [['R4', 0.8]] });
    await patch(s.id, { version: s.version, exclusion: 'spam' });
    const excluded = await stored(s.id);
    expect(excluded).toMatchObject({ status: 'excluded', exclusionReason: 'spam' });
    await patch(s.id, { version: excluded.version, exclusion: null });
    const included = await stored(s.id);
    expect(included.status).toBe('reviewed');
    expect(included.exclusionReason).toBeUndefined();
  });

  it('keeps a note-only change out of the tagger’s way: the submission stays queued', async () => {
    const s = await seed(fx);
    await patch(s.id, { version: s.version, note: 'Ask the tagger first.' });
    const after = await stored(s.id);
    expect(after.status).toBe('received');
    expect(await pendingIds(s.id)).toContain(s.id);
  });

  it('refuses a stale version with 409 and the newer state, and overwrites nothing', async () => {
    const s = await seed(fx, { tags: [['R1', 0.9]] });
    expect((await patch(s.id, { version: s.version, reject: ['R1'] })).status).toBe(200);
    const stale = await patch(s.id, { version: s.version, confirm: ['R1'] });
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { error: { code: string }; current: Submission };
    expect(body.error.code).toBe('version_conflict');
    expect(body.current.version).toBe(s.version + 1);
    expect(body.current.tags).toEqual([]);
    expect((await stored(s.id)).rejectedTags).toEqual(['R1']);
  });

  it('lets exactly one of two reviewers racing on the same version win', async () => {
    const s = await seed(fx, { tags: [['R3', 0.7]] });
    const [a, b] = await Promise.all([
      patch(s.id, { version: s.version, confirm: ['R3'] }),
      patch(s.id, { version: s.version, reject: ['R3'] }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const entries = await history(s.id);
    // Both wrote their audit entry first; only the winner's landed.
    expect(entries.filter((e) => e.landed)).toHaveLength(1);
    expect(entries.filter((e) => !e.landed).length).toBeLessThanOrEqual(1);
  });

  it.each([
    [{ confirm: ['R9'] }, 'confirm.0', 'unknown_recommendation'],
    [{ confirm: ['R2'] }, 'confirm.0', 'not_tagged'],
    [{ add: ['R1'] }, 'add.0', 'already_tagged'],
    [{ confirm: ['R1'], reject: ['R1'] }, 'reject.0', 'conflicting_decision'],
    [{ exclusion: 'boring' }, 'exclusion', 'invalid_choice'],
    [{ note: 'x'.repeat(2001) }, 'note', 'too_long'],
    [{ tags: ['R1'] }, 'tags', 'unknown_field'],
  ])('refuses %j with a 4xx naming the field', async (change, path, code) => {
    const s = await seed(fx, { tags: [['R1', 0.9]] });
    const response = await patch(s.id, { version: s.version, ...change });
    expect([400, 413]).toContain(response.status);
    const { error } = (await response.json()) as { error: { fields: { path: string; code: string }[] } };
    expect(error.fields).toContainEqual(expect.objectContaining({ path, code }));
    expect((await stored(s.id)).version).toBe(s.version);
  });

  it('refuses a body without a version with 400', async () => {
    const s = await seed(fx);
    const response = await patch(s.id, { reviewed: true });
    expect(response.status).toBe(400);
  });

  it('refuses to review a withdrawn submission with 409', async () => {
    const s = await seed(fx);
    await fx.runtime.store.withdraw(s.id, s.version, fx.clock.now.toISOString());
    const response = await patch(s.id, { version: s.version + 1, reviewed: true });
    expect(response.status).toBe(409);
    expect(await errorCode(response)).toBe('submission_withdrawn');
  });

  it('answers 404 for an unknown submission', async () => {
    expect((await patch('01ARZ3NDEKTSV4RRFFQ69G5FAV', { version: 1, reviewed: true })).status).toBe(404);
  });
});

describe('the audit trail', () => {
  it('marks an entry whose write never landed, and carries on after it', async () => {
    const s = await seed(fx, { tags: [['R6', 0.6]] });
    // A crash between the two writes: the entry is stored, the submission never changed.
    const orphan = auditEntry(
      {
        at: fx.clock.now.toISOString(),
        actor: 'decider@example.org',
        scope: CONSULTATION_ID,
        action: 'review',
        submissionId: s.id,
        version: s.version + 1,
        before: { status: 'tagged' },
        after: { status: 'reviewed' },
      },
      fx.clock.now,
    );
    await fx.review.reviews.appendAudit(orphan);
    expect((await patch(s.id, { version: s.version, confirm: ['R6'] })).status).toBe(200);
    const entries = await history(s.id);
    expect(entries.map((e) => [e.id === orphan.id, e.landed])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('never overwrites an entry', async () => {
    const entry = auditEntry(
      {
        at: fx.clock.now.toISOString(),
        actor: 'a@example.org',
        scope: 'accounts',
        action: 'account_created',
        before: {},
        after: {},
      },
      fx.clock.now,
    );
    await fx.review.reviews.appendAudit(entry);
    await expect(fx.review.reviews.appendAudit({ ...entry, actor: 'forger@example.org' })).rejects.toThrow(
      /exists/,
    );
    const log = await fx.review.reviews.listAuditLog('accounts', entry.at.slice(0, 10));
    expect(log.find((e) => e.id === entry.id)?.actor).toBe('a@example.org');
  });

  it('offers no way to change or delete entries through the API', async () => {
    const s = await seed(fx);
    for (const method of ['PUT', 'DELETE', 'PATCH'])
      expect((await api(fx, method, `/api/admin/submissions/${s.id}/audit`, token, {})).status).toBe(404);
  });
});

describe('the submission page', () => {
  it('turns the form into a decision: ticked model tags confirmed, unticked rejected, new ones added', async () => {
    const s = await seed(fx, {
      tags: [
        ['R1', 0.9],
        ['R2', 0.5],
      ],
    });
    const page = await getPage(fx, `/admin/submissions/${s.id}?rec=R1`, browser);
    expect(page.status).toBe(200);
    const response = await postForm(
      fx,
      `/admin/submissions/${s.id}?rec=R1`,
      { _csrf: browser.csrf, version: String(s.version), tags: 'R1', exclusion: '', note: '' },
      browser,
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/admin/submissions/${s.id}?rec=R1&saved=${s.version + 1}`);
    const after = await stored(s.id);
    expect(after.tags.map((t) => `${t.recommendationId}:${t.source}`)).toEqual(['R1:reviewer']);
    expect(after.rejectedTags).toEqual(['R2']);
  });

  it('shows each recommendation’s codebook rule beside its tag, in the page language, and marks an unsure tag', async () => {
    const s = await seed(fx, { tags: [['R8', 0.55, true]] });
    const html = await (await getPage(fx, `/admin/submissions/${s.id}?lang=fr`, browser)).text();
    const r8 = html.slice(
      html.indexOf('id="tag-R8"'),
      html.indexOf('</details>', html.indexOf('id="tag-R8"')),
    );
    expect(r8).toContain('<span class="pill uncertain"');
    expect(r8).toContain('Grille de codage : quand une recommandation s’applique');
    expect(r8).toContain('Une ville seule, ou un ministère seul');
    expect(html.match(/<details class="codebook">/g)).toHaveLength(8);
  });

  it('shows the newer state with 409 when the form was stale', async () => {
    const s = await seed(fx, { tags: [['R1', 0.9]] });
    await patch(s.id, { version: s.version, note: 'Someone else was here.' });
    const response = await postForm(
      fx,
      `/admin/submissions/${s.id}`,
      { _csrf: browser.csrf, version: String(s.version), exclusion: 'spam', note: '' },
      browser,
    );
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain('Someone changed this submission');
    expect(html).toContain('Someone else was here.');
    expect((await stored(s.id)).status).toBe('tagged');
  });

  it('refuses a decision posted without the CSRF token', async () => {
    const s = await seed(fx, { tags: [['R1', 0.9]] });
    const response = await postForm(
      fx,
      `/admin/submissions/${s.id}`,
      { version: String(s.version), exclusion: 'spam' },
      browser,
    );
    expect(response.status).toBe(403);
    expect((await stored(s.id)).status).toBe('tagged');
  });

  it('escapes what the submitter wrote and highlights the evidence', async () => {
    const s = await seed(fx, {
      organization: '<img src=x onerror=alert(1)>',
      answers: { Q1: 'Cities <script>alert(1)</script> welcome. Rest of the answer.' },
      tags: [['R2', 0.8]],
    });
    const html = await (await getPage(fx, `/admin/submissions/${s.id}`, browser)).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toMatch(
      /<mark>Cities &lt;script&gt;alert\(1\)&lt;\/script&gt; welcome <span class="rec">\[R2\]<\/span><\/mark>/,
    );
  });

  it('links the previous and next submissions of the current filter', async () => {
    const fresh = await reviewFixture();
    try {
      const session = await signInWithForm(fresh, 'nav@example.org', 'reviewer');
      const [a, b, c] = [
        await seed(fresh, { tags: [['R8', 0.5]] }),
        await seed(fresh),
        await seed(fresh, { tags: [['R8', 0.6]] }),
      ];
      await untilListed(fresh, 3);
      const html = await (
        await getPage(fresh, `/admin/submissions/${a.id}?rec=R8&sort=oldest`, session)
      ).text();
      expect(html).toContain(`href="/admin/submissions/${c.id}?rec=R8&amp;sort=oldest" rel="next"`);
      expect(html).not.toContain(b.id);
    } finally {
      fresh.runtime.dynamo.destroy();
    }
  });
});

describe('campaigns', () => {
  const letter =
    'We join our voice to the Stop Detention campaign. States should end the immigration detention of children, ' +
    'guarantee access to lawyers and interpreters, and publish annual statistics on detention. Firewalls between ' +
    'services and immigration enforcement protect everyone.';

  it('groups near-identical submissions and leaves different ones alone', async () => {
    const fresh = await reviewFixture();
    try {
      const copies = [
        await seed(fresh, { answers: { Q3: letter } }),
        await seed(fresh, {
          answers: { Q3: letter.replace('We join', 'Our parish joins').replace('our voice', 'its voice') },
        }),
        await seed(fresh, { answers: { Q3: `${letter} Signed, the Riverside Collective.` } }),
      ];
      await seed(fresh, {
        answers: { Q3: 'A completely different answer about labour migration and skills.' },
      });
      await untilListed(fresh, 4);
      const all = [];
      for await (const page of fresh.runtime.store.listByConsultation(CONSULTATION_ID)) all.push(...page);
      const groups = detectGroups(all);
      expect(groups).toEqual([
        { groupId: copies[0]?.id, members: copies.map((s) => s.id).sort(), campaign: false },
      ]);

      const reviewer = await tokenFor(fresh, 'campaigner@example.org', 'reviewer');
      const response = await api(
        fresh,
        'PUT',
        `/api/admin/consultations/${CONSULTATION_ID}/campaigns/${copies[1]?.id}`,
        reviewer,
        { campaign: true },
      );
      expect(response.status).toBe(200);
      for (const copy of copies) {
        const after = (await fresh.runtime.store.get(copy.id))?.submission as Submission;
        expect(after.campaign).toEqual({ groupId: copies[0]?.id, size: 3 });
        // Marking a campaign is no tagging decision: the tagger still gets these.
        expect(after.status).toBe('received');
        const entries = await fresh.review.reviews.listSubmissionAudit(copy.id);
        expect(entries).toContainEqual(
          expect.objectContaining({
            action: 'campaign',
            after: { campaign: { groupId: copies[0]?.id, size: 3 } },
          }),
        );
      }
      const list = (await (
        await api(fresh, 'GET', `/api/admin/consultations/${CONSULTATION_ID}/campaigns`, reviewer)
      ).json()) as { groups: { campaign: boolean }[] };
      expect(list.groups[0]?.campaign).toBe(true);
    } finally {
      fresh.runtime.dynamo.destroy();
    }
  });

  it('keeps the listing key of a decided submission, so it stays in the triage list', async () => {
    const s = await seed(fx, { tags: [['R1', 0.9]] });
    await patch(s.id, { version: s.version, reviewed: true });
    const { Item } = await fx.runtime.dynamo.send(
      new GetCommand({
        TableName: fx.runtime.config.TABLE_NAME,
        Key: { pk: `SUB#${s.id}`, sk: 'SUB' },
      }),
    );
    expect(Item?.[TABLE.byConsultation.partitionKey]).toBe(`${CONSULTATION_ID}#${shardOf(s.id)}`);
    expect(Item?.[TABLE.pending.partitionKey]).toBeUndefined();
  });
});
