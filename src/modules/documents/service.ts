import { createHash } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { recordActorAudit } from '../../platform/audit/actor.js';
import type { AuditAction } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { DOCX_MIME, PDF_MIME, paragraphsFromText, safeFileName, toDocx, toPdf } from '../../platform/export/index.js';
import type { ActorContext } from '../../platform/http/context.js';
import { AppError, notFound, type FieldError } from '../../platform/http/errors.js';
import { amsterdamDate } from '../../platform/time/working-days.js';
import type {
  TDocument,
  TDocumentKind,
  TLetter,
  TLetterField,
  TLetterTemplateId,
  ZLetterSave,
  ZLetterSummary,
  ZLetterVersion,
  ZLetterTemplate,
} from '../../shared/documents.js';
import { DOCUMENT_MAX_BYTES } from '../../shared/documents.js';
import type { z } from 'zod';
import { applicationPeopleNames, familyHeadersOf } from '../intake/public.js';
import { decisionsForLetter, type LetterDecision, type LetterMeasure } from '../legal/public.js';
import { getOrganisationName } from '../organisations/public.js';
import { listFamilyMap, openTrajectory, type OpenedTrajectory } from '../trajectories/public.js';
import { selectUserRecord } from '../users/public.js';
import { documentKeys, open, seal } from './crypto.js';
import { detectType } from './detect.js';
import './messages.js';
import { documentContents, documents, letters, letterVersions } from './tables.js';
import { FIELD_LABELS, fillTemplate, missingFields, TEMPLATES, templateById, type LetterFacts } from './templates.js';

/**
 * Documents (uploaded letters and reports, encrypted at rest) and letters written with the parent
 * from templates (issue 5). Every call goes through the trajectory policy (openTrajectory), runs in
 * one transaction and is audited in it; changes are refused on an ended trajectory (409).
 */

type Opened = OpenedTrajectory;

function audit(tx: Executor, ctx: ActorContext, t: Opened, action: AuditAction, resourceType: string, resourceId: string) {
  return recordActorAudit(tx, ctx, { action, resourceType, resourceId, subjectId: t.subjectId, reason: t.auditReason });
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

const docColumns = {
  id: documents.id,
  kind: documents.kind,
  title: documents.title,
  fileName: documents.fileName,
  mimeType: documents.mimeType,
  sizeBytes: documents.sizeBytes,
  sha256: documents.sha256,
  receivedOn: documents.receivedOn,
  uploadedBy: documents.uploadedBy,
  createdAt: documents.createdAt,
};
type DocRow = { [K in keyof typeof docColumns]: (typeof documents.$inferSelect)[K] };
const toDocument = (r: DocRow): TDocument => ({ ...r, kind: r.kind as TDocumentKind, createdAt: r.createdAt.toISOString() });

/** The content is bound to its document: a ciphertext moved to another row does not open. */
const aadOf = (orgId: string, documentId: string) => `naast-document:${orgId}:${documentId}`;

export async function uploadDocument(
  ctx: ActorContext,
  trajectoryId: string,
  meta: { kind: TDocumentKind; title: string; fileName: string; receivedOn?: string; reason?: string },
  bytes: Buffer,
): Promise<TDocument> {
  const ring = documentKeys(ctx.config);
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', meta.reason);
    // The routes refuse larger bodies before reading them; this guards any other caller.
    if (bytes.length > DOCUMENT_MAX_BYTES) throw new AppError('document_too_large', 413);
    const detected = detectType(bytes);
    const id = uuidv7();
    const [row] = await tx
      .insert(documents)
      .values({
        orgId: ctx.actor.orgId,
        id,
        trajectoryId,
        kind: meta.kind,
        title: meta.title,
        fileName: meta.fileName,
        mimeType: detected.mimeType,
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        receivedOn: meta.receivedOn ?? null,
        uploadedBy: ctx.actor.userId,
      })
      .returning(docColumns);
    await tx.insert(documentContents).values({ orgId: ctx.actor.orgId, documentId: id, ...seal(ring, bytes, aadOf(ctx.actor.orgId, id)) });
    await audit(tx, ctx, t, 'create', 'document', id);
    return toDocument(row!);
  });
}

export async function listDocuments(ctx: ActorContext, trajectoryId: string, reason?: string): Promise<{ items: TDocument[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.read', reason);
    const rows = await tx
      .select(docColumns)
      .from(documents)
      .where(and(eq(documents.orgId, ctx.actor.orgId), eq(documents.trajectoryId, trajectoryId), isNull(documents.deletedAt)))
      .orderBy(desc(documents.createdAt), desc(documents.id));
    await audit(tx, ctx, t, 'list', 'document', trajectoryId);
    return { items: rows.map(toDocument) };
  });
}

async function liveDocument(tx: Executor, orgId: string, trajectoryId: string, documentId: string) {
  const [row] = await tx
    .select(docColumns)
    .from(documents)
    .where(and(eq(documents.orgId, orgId), eq(documents.trajectoryId, trajectoryId), eq(documents.id, documentId), isNull(documents.deletedAt)));
  if (!row) throw notFound();
  return row;
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg', [DOCX_MIME]: 'docx' };

export async function downloadDocument(
  ctx: ActorContext,
  trajectoryId: string,
  documentId: string,
  reason?: string,
): Promise<{ mimeType: string; fileName: string; bytes: Buffer }> {
  const ring = documentKeys(ctx.config);
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.read', reason);
    const doc = await liveDocument(tx, ctx.actor.orgId, trajectoryId, documentId);
    const [content] = await tx
      .select()
      .from(documentContents)
      .where(and(eq(documentContents.orgId, ctx.actor.orgId), eq(documentContents.documentId, documentId)));
    if (!content) throw notFound();
    const bytes = open(ring, content, aadOf(ctx.actor.orgId, documentId));
    await audit(tx, ctx, t, 'export', 'document', documentId);
    return { mimeType: doc.mimeType, fileName: safeFileName(doc.fileName, EXTENSIONS[doc.mimeType] ?? 'bin'), bytes };
  });
}

/** Soft delete: the metadata stays for the history (deleted_at), the content itself is removed. */
export async function deleteDocument(ctx: ActorContext, trajectoryId: string, documentId: string, reason?: string): Promise<void> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    await liveDocument(tx, ctx.actor.orgId, trajectoryId, documentId);
    await tx.update(documents).set({ deletedAt: new Date() }).where(and(eq(documents.orgId, ctx.actor.orgId), eq(documents.id, documentId)));
    await tx.delete(documentContents).where(and(eq(documentContents.orgId, ctx.actor.orgId), eq(documentContents.documentId, documentId)));
    await audit(tx, ctx, t, 'delete', 'document', documentId);
  });
}

// ---------------------------------------------------------------------------------------------
// Letters
// ---------------------------------------------------------------------------------------------

export function listTemplates(): z.infer<typeof ZLetterTemplate>[] {
  return TEMPLATES.map((tpl) => ({
    id: tpl.id,
    title: tpl.title,
    explanation: tpl.explanation,
    fields: [...tpl.required.map((name) => ({ name, required: true })), ...tpl.optional.map((name) => ({ name, required: false }))].map((f) => ({
      ...f,
      label: FIELD_LABELS[f.name],
    })),
  }));
}

const MEASURE_WORDS: Record<string, string> = {
  voluntary: 'vrijwillige hulp',
  ots: 'een ondertoezichtstelling (OTS)',
  out_of_home_authorised: 'een machtiging uithuisplaatsing',
  out_of_home_unauthorised: 'een uithuisplaatsing zonder machtiging',
  guardianship: 'voogdij',
  youth_probation: 'jeugdreclassering',
};

const joinDutch = (parts: string[]) => (parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`);

export function longDutchDate(d: Date): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

/** A date of the legal module (YYYY-MM-DD) in words, e.g. 3 november 2026. */
const longDutchDay = (day: string) => longDutchDate(new Date(`${day}T12:00:00Z`));

const DECISION_WORDS: Record<LetterDecision['kind'], string> = {
  court_decision: 'de beschikking van de rechter',
  written_instruction: 'de schriftelijke aanwijzing',
  hearing_scheduled: 'de oproep voor de zitting',
  letter_received: 'de brief',
  plan_received: 'het plan',
  other: 'het besluit',
};

/** "de beschikking van de rechter van 3 november 2026 (samenvatting), over een ondertoezichtstelling (OTS) voor Sam" */
function decisionWords(d: LetterDecision, opening = DECISION_WORDS[d.kind]): string {
  const summary = d.summary?.trim() ? ` (${d.summary.trim().replace(/\s+/g, ' ')})` : '';
  const measure = d.measure && MEASURE_WORDS[d.measure.measure] ? `, over ${MEASURE_WORDS[d.measure.measure]} voor ${d.measure.childName}` : '';
  return `${opening} van ${longDutchDay(d.decidedOn)}${summary}${measure}`;
}

/** Measures in force today, with their period: "Voor Sam geldt een ondertoezichtstelling (OTS) sinds 1 januari 2026, tot 1 januari 2027." */
function measureSentences(measures: LetterMeasure[], today: string): string[] {
  return measures
    .filter((m) => m.startsOn <= today && (m.endsOn === null || m.endsOn >= today) && MEASURE_WORDS[m.measure])
    .map((m) => `Voor ${m.childName} geldt ${MEASURE_WORDS[m.measure]} sinds ${longDutchDay(m.startsOn)}${m.endsOn ? `, tot ${longDutchDay(m.endsOn)}` : ''}.`);
}

/** The decision a template is about: the newest of the kinds that fit it. */
const newest = (decisions: LetterDecision[], fits: (d: LetterDecision) => boolean) => decisions.find(fits);
const COURT_DECISION_KINDS: Partial<Record<TLetterTemplateId, ReadonlyArray<LetterDecision['kind']>>> = {
  defence_statement: ['court_decision', 'hearing_scheduled'],
  court_request: ['court_decision', 'written_instruction'],
};

/** What the dossier knows for a letter. Absent facts stay undefined (the template says which it needs). */
async function lettersFacts(ctx: ActorContext, tx: Executor, t: Opened, template: TLetterTemplateId): Promise<LetterFacts> {
  const orgId = ctx.actor.orgId;
  // One after another: a transaction is one connection, and pg refuses (from pg 9) queries sent while one runs.
  const people = await applicationPeopleNames(tx, orgId, t.row.applicationId);
  const headers = await familyHeadersOf(tx, orgId, [t.row.applicationId]);
  const familyMap = await listFamilyMap(tx, orgId, t.row.id);
  const organisationName = await getOrganisationName(tx, orgId);
  // Court decisions and measures: read through the legal module, audited with this letter's own event.
  const legal = await decisionsForLetter(tx, orgId, t.row.id);
  // The name only; a volunteer may not list colleagues, but the lead volunteer's name is part of the dossier.
  const volunteer = await selectUserRecord(tx, { orgId, role: 'admin' }, t.row.leadVolunteerId);
  const parent = people.find((p) => p.relation === 'parent') ?? people[0];
  const children = headers.get(t.row.applicationId)?.children ?? [];
  const worker = familyMap.find((m) => m.role === 'youth_protection_worker');
  const lawyer = familyMap.find((m) => m.role === 'lawyer');
  const now = new Date();
  // The legal module's measures (with their dates) when there are any; else what the application said.
  const legalMeasures = measureSentences(legal.measures, amsterdamDate(now));
  const measures = legalMeasures.length
    ? legalMeasures
    : children.filter((c) => MEASURE_WORDS[c.measure]).map((c) => `Voor ${c.firstName} geldt ${MEASURE_WORDS[c.measure]}.`);
  const kinds = COURT_DECISION_KINDS[template];
  const court = kinds ? newest(legal.decisions, (d) => kinds.includes(d.kind)) : undefined;
  const municipal = newest(legal.decisions, (d) => d.municipal);
  return {
    parentName: parent ? `${parent.firstName} ${parent.lastName}`.trim() : undefined,
    children: children.length ? joinDutch(children.map((c) => `${c.firstName} (geboren in ${c.birthYear})`)) : undefined,
    childrenMeasures: measures.join(' '),
    volunteerName: volunteer?.displayName,
    youthProtectionWorker: worker?.name,
    youthProtectionOrganisation: worker?.organisation ?? undefined,
    lawyerName: lawyer?.name,
    organisationName,
    today: longDutchDate(now),
    courtDecision: court ? decisionWords(court) : undefined,
    municipalDecision: municipal ? decisionWords(municipal, 'uw besluit') : undefined,
  };
}

const letterColumns = {
  id: letters.id,
  trajectoryId: letters.trajectoryId,
  template: letters.template,
  title: letters.title,
  status: letters.status,
  currentVersion: letters.currentVersion,
  createdAt: letters.createdAt,
  updatedAt: letters.updatedAt,
};
type LetterRow = { [K in keyof typeof letterColumns]: (typeof letters.$inferSelect)[K] };
const toSummary = (r: LetterRow): z.infer<typeof ZLetterSummary> => ({
  id: r.id,
  template: r.template as TLetterTemplateId,
  title: r.title,
  status: r.status as 'draft' | 'final',
  currentVersion: r.currentVersion,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
const toLetter = (r: LetterRow, body: string): TLetter => ({ ...toSummary(r), trajectoryId: r.trajectoryId, body });

export async function createLetter(ctx: ActorContext, trajectoryId: string, template: TLetterTemplateId, reason?: string): Promise<TLetter> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const tpl = templateById(template);
    const facts = await lettersFacts(ctx, tx, t, template);
    const missing = missingFields(tpl, facts);
    if (missing.length) {
      const errors: FieldError[] = missing.map((f: TLetterField) => ({ field: `dossier.${f}`, code: 'missing', messageKey: `letter.field.${f}` }));
      throw new AppError('letter_fields_missing', 400, {}, errors);
    }
    const body = fillTemplate(tpl, facts);
    const id = uuidv7();
    const [row] = await tx
      .insert(letters)
      .values({ orgId: ctx.actor.orgId, id, trajectoryId, template, title: tpl.title.nl, createdBy: ctx.actor.userId })
      .returning(letterColumns);
    await tx.insert(letterVersions).values({ orgId: ctx.actor.orgId, letterId: id, version: 1, body, authorUserId: ctx.actor.userId });
    await audit(tx, ctx, t, 'create', 'letter', id);
    return toLetter(row!, body);
  });
}

export async function listLetters(ctx: ActorContext, trajectoryId: string, reason?: string): Promise<{ items: z.infer<typeof ZLetterSummary>[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.read', reason);
    const rows = await tx
      .select(letterColumns)
      .from(letters)
      .where(and(eq(letters.orgId, ctx.actor.orgId), eq(letters.trajectoryId, trajectoryId)))
      .orderBy(desc(letters.updatedAt), desc(letters.id));
    await audit(tx, ctx, t, 'list', 'letter', trajectoryId);
    return { items: rows.map(toSummary) };
  });
}

async function letterOf(tx: Executor, orgId: string, trajectoryId: string, letterId: string, lock = false): Promise<LetterRow> {
  const q = tx.select(letterColumns).from(letters).where(and(eq(letters.orgId, orgId), eq(letters.trajectoryId, trajectoryId), eq(letters.id, letterId)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound();
  return row;
}

async function bodyOf(tx: Executor, orgId: string, letterId: string, version: number): Promise<string> {
  const [v] = await tx
    .select({ body: letterVersions.body })
    .from(letterVersions)
    .where(and(eq(letterVersions.orgId, orgId), eq(letterVersions.letterId, letterId), eq(letterVersions.version, version)));
  return v?.body ?? '';
}

export async function getLetter(ctx: ActorContext, trajectoryId: string, letterId: string, reason?: string): Promise<TLetter> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.read', reason);
    const row = await letterOf(tx, ctx.actor.orgId, trajectoryId, letterId);
    await audit(tx, ctx, t, 'read', 'letter', letterId);
    return toLetter(row, await bodyOf(tx, ctx.actor.orgId, letterId, row.currentVersion));
  });
}

/** PUT: every save is a new version; a save based on an older version is refused (409), never merged. */
export async function saveLetter(ctx: ActorContext, trajectoryId: string, letterId: string, input: z.infer<typeof ZLetterSave>, reason?: string): Promise<TLetter> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const row = await letterOf(tx, ctx.actor.orgId, trajectoryId, letterId, true);
    if (row.status === 'final') throw new AppError('letter_final', 409);
    if (input.baseVersion !== row.currentVersion) throw new AppError('letter_version_conflict', 409);
    const version = row.currentVersion + 1;
    await tx.insert(letterVersions).values({ orgId: ctx.actor.orgId, letterId, version, body: input.body, authorUserId: ctx.actor.userId });
    const [updated] = await tx
      .update(letters)
      .set({ currentVersion: version, ...(input.title ? { title: input.title } : {}), updatedAt: new Date() })
      .where(and(eq(letters.orgId, ctx.actor.orgId), eq(letters.id, letterId)))
      .returning(letterColumns);
    await audit(tx, ctx, t, 'update', 'letter', letterId);
    return toLetter(updated!, input.body);
  });
}

export async function listVersions(ctx: ActorContext, trajectoryId: string, letterId: string, reason?: string): Promise<{ items: z.infer<typeof ZLetterVersion>[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.read', reason);
    await letterOf(tx, ctx.actor.orgId, trajectoryId, letterId);
    const rows = await tx
      .select({ version: letterVersions.version, body: letterVersions.body, authorUserId: letterVersions.authorUserId, createdAt: letterVersions.createdAt })
      .from(letterVersions)
      .where(and(eq(letterVersions.orgId, ctx.actor.orgId), eq(letterVersions.letterId, letterId)))
      .orderBy(desc(letterVersions.version));
    await audit(tx, ctx, t, 'read', 'letter', letterId);
    return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
  });
}

export async function finaliseLetter(ctx: ActorContext, trajectoryId: string, letterId: string, reason?: string): Promise<TLetter> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const row = await letterOf(tx, ctx.actor.orgId, trajectoryId, letterId, true);
    let result = row;
    if (row.status !== 'final') {
      [result] = (await tx
        .update(letters)
        .set({ status: 'final', updatedAt: new Date() })
        .where(and(eq(letters.orgId, ctx.actor.orgId), eq(letters.id, letterId)))
        .returning(letterColumns)) as [LetterRow];
      await audit(tx, ctx, t, 'update', 'letter', letterId);
    }
    return toLetter(result, await bodyOf(tx, ctx.actor.orgId, letterId, result.currentVersion));
  });
}

export async function exportLetter(
  ctx: ActorContext,
  trajectoryId: string,
  letterId: string,
  format: 'docx' | 'pdf',
  reason?: string,
): Promise<{ mimeType: string; fileName: string; bytes: Buffer }> {
  const { title, body } = await ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.read', reason);
    const row = await letterOf(tx, ctx.actor.orgId, trajectoryId, letterId);
    await audit(tx, ctx, t, 'export', 'letter', letterId);
    return { title: row.title, body: await bodyOf(tx, ctx.actor.orgId, letterId, row.currentVersion) };
  });
  // Rendering happens after the transaction: no connection is held while the file is built.
  const doc = { title, sections: [{ paragraphs: paragraphsFromText(body) }], lang: 'nl-NL' };
  const fileName = safeFileName(title, format);
  return format === 'docx' ? { mimeType: DOCX_MIME, fileName, bytes: toDocx(doc) } : { mimeType: PDF_MIME, fileName, bytes: await toPdf(doc) };
}
