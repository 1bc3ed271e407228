import { z } from 'zod';
import { ZId, ZText } from './common.js';
import { ZAccessReason } from './users.js';

/**
 * Neutral reports (verslagen) of meetings with professionals (issue 5): written by the volunteer,
 * reviewed by the parent (agree, or add a comment and get a new version), then final. Every save
 * is a new version; `diffVersions` shows what changed between two of them.
 */

export const REPORT_STATUSES = ['draft', 'with_parent', 'final'] as const;
export const PARENT_RESPONSES = ['agreed', 'commented'] as const;
export const EXPORT_FORMATS = ['pdf', 'docx'] as const;
export type TReportStatus = (typeof REPORT_STATUSES)[number];
export type TParentResponse = (typeof PARENT_RESPONSES)[number];

/** A report of one meeting is a few pages at most; the JSON body limit (1 MB) stays far away. */
export const REPORT_BODY_MAX = 50_000;
export const REPORT_COMMENT_MAX = 4000;
const ZReportBody = ZText(REPORT_BODY_MAX);

export const ZReportAccessQuery = z.strictObject({ reason: ZAccessReason.optional() });

/** POST /trajectories/:id/reports: one report per meeting (a second one is 409). */
export const ZReportCreate = z.strictObject({ meetingId: ZId, body: ZReportBody });
export type TReportCreate = z.infer<typeof ZReportCreate>;
/** PUT …/reports/:reportId: a new version (only while it is a draft). */
export const ZReportUpdate = z.strictObject({ body: ZReportBody, note: ZText(500).optional() });
export type TReportUpdate = z.infer<typeof ZReportUpdate>;

export const ZReportSummary = z.object({
  id: ZId,
  meetingId: ZId,
  meetingTitle: z.string(),
  meetingAt: z.string(),
  status: z.enum(REPORT_STATUSES),
  currentVersion: z.number().int(),
  parentResponse: z.enum(PARENT_RESPONSES).nullable(),
  updatedAt: z.string(),
});
export type TReportSummary = z.infer<typeof ZReportSummary>;

/** GET /trajectories/:id/reports: the reports, and held meetings that have none yet. */
export const ZReportList = z.object({
  items: z.array(ZReportSummary),
  unreported: z.array(z.object({ meetingId: ZId, title: z.string(), scheduledAt: z.string() })),
});
export type TReportList = z.infer<typeof ZReportList>;

export const ZReportVersionInfo = z.object({
  version: z.number().int(),
  note: z.string().nullable(),
  authorName: z.string(),
  createdAt: z.string(),
});
export type TReportVersionInfo = z.infer<typeof ZReportVersionInfo>;

export const ZReportVersion = ZReportVersionInfo.extend({ body: z.string() });
export type TReportVersion = z.infer<typeof ZReportVersion>;

export const ZReportDetail = ZReportSummary.extend({
  trajectoryId: ZId,
  body: z.string(),
  parentComment: z.string().nullable(),
  parentRespondedAt: z.string().nullable(),
  finalisedAt: z.string().nullable(),
  /** Newest first. */
  versions: z.array(ZReportVersionInfo),
});
export type TReportDetail = z.infer<typeof ZReportDetail>;

export const ZDiffQuery = z.strictObject({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
  reason: ZAccessReason.optional(),
});
export const ZDiffPart = z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() });
export type TDiffPart = z.infer<typeof ZDiffPart>;
export const ZReportDiff = z.object({ from: z.number().int(), to: z.number().int(), parts: z.array(ZDiffPart) });
export type TReportDiff = z.infer<typeof ZReportDiff>;

export const ZExportQuery = z.strictObject({ format: z.enum(EXPORT_FORMATS), reason: ZAccessReason.optional() });

// ---- the parent (reports.review) -------------------------------------------------------------

export const ZMyReportSummary = z.object({
  id: ZId,
  meetingTitle: z.string(),
  meetingAt: z.string(),
  status: z.enum(['with_parent', 'final']),
  currentVersion: z.number().int(),
  updatedAt: z.string(),
});
export type TMyReportSummary = z.infer<typeof ZMyReportSummary>;
export const ZMyReportList = z.object({ items: z.array(ZMyReportSummary) });

export const ZMyReport = ZMyReportSummary.extend({
  body: z.string(),
  parentResponse: z.enum(PARENT_RESPONSES).nullable(),
  parentComment: z.string().nullable(),
  /** What changed since the version the parent last responded to (null when they have not responded before). */
  changesSinceSeen: z.object({ from: z.number().int(), parts: z.array(ZDiffPart) }).nullable(),
});
export type TMyReport = z.infer<typeof ZMyReport>;

/** POST /me/reports/:reportId/respond: agree (→ final) or comment (→ back to the volunteer). */
export const ZRespondRequest = z
  .strictObject({
    response: z.enum(PARENT_RESPONSES),
    comment: z.string().trim().max(REPORT_COMMENT_MAX).optional(),
  })
  .refine((r) => r.response !== 'commented' || (r.comment ?? '').length > 0, {
    path: ['comment'],
    params: { messageKey: 'reports.commentRequired' },
  });
export type TRespondRequest = z.infer<typeof ZRespondRequest>;

// ---- differences between two versions --------------------------------------------------------

/** Words with the space after them, so a change of one word does not match on stray spaces. */
const tokensOf = (s: string): string[] => s.match(/\S+\s*|\s+/g) ?? [];
const linesOf = (s: string): string[] => s.match(/[^\n]*\n|[^\n]+/g) ?? [];
/** Above this many LCS cells the middle is compared by lines, then simply replaced. */
const MAX_CELLS = 2_000_000;

function push(out: TDiffPart[], kind: TDiffPart['kind'], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ kind, text });
}

/** Longest common subsequence on tokens; removed parts come before added ones at a change. */
function lcs(a: string[], b: string[], out: TDiffPart[]): void {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const len = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[i * w + j] = a[i] === b[j] ? len[(i + 1) * w + j + 1]! + 1 : Math.max(len[(i + 1) * w + j]!, len[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push(out, 'same', a[i]!);
      i++;
      j++;
    } else if (len[(i + 1) * w + j]! >= len[i * w + j + 1]!) push(out, 'removed', a[i++]!);
    else push(out, 'added', b[j++]!);
  }
  while (i < n) push(out, 'removed', a[i++]!);
  while (j < m) push(out, 'added', b[j++]!);
}

function diffTokens(a: string[], b: string[], out: TDiffPart[], byLines: boolean): void {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  push(out, 'same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length <= MAX_CELLS) lcs(midA, midB, out);
  else if (!byLines) diffTokens(linesOf(midA.join('')), linesOf(midB.join('')), out, true);
  else {
    push(out, 'removed', midA.join(''));
    push(out, 'added', midB.join(''));
  }
  push(out, 'same', a.slice(endA).join(''));
}

/**
 * What changed from version `a` to version `b`, word by word: parts in reading order, adjacent
 * parts of one kind merged. Joining the 'same' and 'removed' parts gives `a`; 'same' and 'added' give `b`.
 */
export function diffVersions(a: string, b: string): TDiffPart[] {
  const out: TDiffPart[] = [];
  diffTokens(tokensOf(a), tokensOf(b), out, false);
  return out;
}
