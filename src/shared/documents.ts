import { z } from 'zod';
import { ZId, ZText } from './common.js';
import { ZDate } from './intake.js';
import { ZAccessReason } from './users.js';

// Documents (uploaded letters and reports) and letters written with the parent (issue 5).

export const DOCUMENT_KINDS = ['letter_received', 'report', 'court_decision', 'plan', 'other'] as const;
export const ZDocumentKind = z.enum(DOCUMENT_KINDS);
export type TDocumentKind = z.infer<typeof ZDocumentKind>;

/** The largest upload: big enough for a scanned letter of many pages, small enough for a phone. */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;
export const DOCUMENT_MAX_LABEL = '20 MB';

/** Types we accept, detected from the bytes (the file name does not count). */
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'] as const;

/** POST /trajectories/:id/documents?kind=&title=&fileName=&receivedOn= with the file as application/octet-stream. */
export const ZDocumentUploadQuery = z.strictObject({
  kind: ZDocumentKind,
  title: ZText(200),
  fileName: ZText(200),
  receivedOn: ZDate.optional(),
  reason: ZAccessReason.optional(),
});

export const ZDocument = z.object({
  id: ZId,
  kind: ZDocumentKind,
  title: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  receivedOn: z.string().nullable(),
  uploadedBy: ZId,
  createdAt: z.string(),
});
export type TDocument = z.infer<typeof ZDocument>;
export const ZDocumentList = z.object({ items: z.array(ZDocument) });

// ---- letters

export const LETTER_TEMPLATES = ['defence_statement', 'court_request', 'objection', 'complaint', 'plan_reaction'] as const;
export const ZLetterTemplateId = z.enum(LETTER_TEMPLATES);
export type TLetterTemplateId = z.infer<typeof ZLetterTemplateId>;

/** Facts a template takes from the dossier. */
export const LETTER_FIELDS = [
  'parentName',
  'children',
  'volunteerName',
  'youthProtectionWorker',
  'youthProtectionOrganisation',
  'lawyerName',
  'organisationName',
  'today',
  /** The court's decision (beschikking) or hearing the letter is about, from the legal module. */
  'courtDecision',
  /** The municipality's decision an objection is against (a received letter that started the objection deadline). */
  'municipalDecision',
] as const;
export const ZLetterField = z.enum(LETTER_FIELDS);
export type TLetterField = z.infer<typeof ZLetterField>;

const ZBilingual = z.object({ nl: z.string(), en: z.string() });

export const ZLetterTemplate = z.object({
  id: ZLetterTemplateId,
  title: ZBilingual,
  explanation: ZBilingual,
  fields: z.array(z.object({ name: ZLetterField, label: ZBilingual, required: z.boolean() })),
});
export const ZLetterTemplateList = z.object({ items: z.array(ZLetterTemplate) });

export const LETTER_STATUSES = ['draft', 'final'] as const;
export const ZLetterStatus = z.enum(LETTER_STATUSES);

/** POST /trajectories/:id/letters */
export const ZLetterRequest = z.strictObject({ template: ZLetterTemplateId });

/** PUT /trajectories/:id/letters/:letterId: a new version. `baseVersion` guards against overwriting a colleague's save. */
export const ZLetterSave = z.strictObject({
  title: ZText(200).optional(),
  body: z.string().max(50_000).refine((s) => s.trim() !== '', { params: { messageKey: 'field.required' } }),
  baseVersion: z.number().int().min(1),
});

export const ZLetterSummary = z.object({
  id: ZId,
  template: ZLetterTemplateId,
  title: z.string(),
  status: ZLetterStatus,
  currentVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ZLetter = ZLetterSummary.extend({ trajectoryId: ZId, body: z.string() });
export type TLetter = z.infer<typeof ZLetter>;
export const ZLetterList = z.object({ items: z.array(ZLetterSummary) });

export const ZLetterVersion = z.object({ version: z.number().int(), body: z.string(), authorUserId: ZId, createdAt: z.string() });
export const ZLetterVersionList = z.object({ items: z.array(ZLetterVersion) });

export const ZExportQuery = z.strictObject({ format: z.enum(['docx', 'pdf']), reason: ZAccessReason.optional() });
