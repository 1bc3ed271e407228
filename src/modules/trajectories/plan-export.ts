import type { Executor } from '../../platform/db/index.js';
import type { ExportDocument, ExportSection } from '../../platform/export/index.js';
import { addMessages, t, type Lang } from '../../platform/i18n/index.js';
import { listFamilyMap, listHelpQuestions } from './plan.js';

/**
 * The Houvast plan (help questions with goals, strengths, next steps and the latest self-reliance
 * score; the family map) as a document for platform/export (issue 6). Used by the consent module's
 * sharing routes after its gate allowed the share: no access check or audit here.
 */

addMessages('nl', {
  'export.plan.title': 'Houvast-plan',
  'export.plan.questions': 'Hulpvragen',
  'export.plan.no_questions': 'Er zijn nog geen hulpvragen.',
  'export.plan.goal': 'Doel: {text}',
  'export.plan.strengths': 'Wat al goed gaat: {text}',
  'export.plan.next_steps': 'Volgende stappen: {text}',
  'export.plan.status': 'Stand: {status}',
  'export.plan.score': 'Zelfredzaamheid: {score} van 5 (op {date})',
  'export.plan.status.open': 'open',
  'export.plan.status.working': 'mee bezig',
  'export.plan.status.achieved': 'bereikt',
  'export.plan.status.dropped': 'gestopt',
  'export.plan.family_map': 'Wie er om het gezin heen staan',
  'export.plan.role.parent': 'Ouder',
  'export.plan.role.child': 'Kind',
  'export.plan.role.foster_parent': 'Pleegouder',
  'export.plan.role.youth_protection_worker': 'Jeugdbeschermer',
  'export.plan.role.care_provider': 'Hulpverlener',
  'export.plan.role.lawyer': 'Advocaat',
  'export.plan.role.school': 'School',
  'export.plan.role.network': 'Netwerk',
  'export.plan.role.other': 'Anders',
});
addMessages('en', {
  'export.plan.title': 'Houvast plan',
  'export.plan.questions': 'Help questions',
  'export.plan.no_questions': 'There are no help questions yet.',
  'export.plan.goal': 'Goal: {text}',
  'export.plan.strengths': 'What already goes well: {text}',
  'export.plan.next_steps': 'Next steps: {text}',
  'export.plan.status': 'Status: {status}',
  'export.plan.score': 'Self-reliance: {score} out of 5 (on {date})',
  'export.plan.status.open': 'open',
  'export.plan.status.working': 'working on it',
  'export.plan.status.achieved': 'achieved',
  'export.plan.status.dropped': 'stopped',
  'export.plan.family_map': 'Who is around the family',
  'export.plan.role.parent': 'Parent',
  'export.plan.role.child': 'Child',
  'export.plan.role.foster_parent': 'Foster parent',
  'export.plan.role.youth_protection_worker': 'Youth protection worker',
  'export.plan.role.care_provider': 'Care provider',
  'export.plan.role.lawyer': 'Lawyer',
  'export.plan.role.school': 'School',
  'export.plan.role.network': 'Network',
  'export.plan.role.other': 'Other',
});

export async function planDocumentForSharing(tx: Executor, orgId: string, trajectoryId: string, lang: Lang): Promise<ExportDocument> {
  // One after another: a transaction is one connection (pg refuses overlapping queries from pg 9).
  const questions = await listHelpQuestions(tx, orgId, trajectoryId);
  const members = await listFamilyMap(tx, orgId, trajectoryId);
  const sections: ExportSection[] = [];
  if (!questions.length) sections.push({ heading: t(lang, 'export.plan.questions'), paragraphs: [t(lang, 'export.plan.no_questions')] });
  for (const q of questions) {
    const last = q.scores.at(-1);
    sections.push({
      heading: q.question,
      paragraphs: [
        t(lang, 'export.plan.status', { status: t(lang, `export.plan.status.${q.status}`) }),
        ...(q.goal ? [t(lang, 'export.plan.goal', { text: q.goal })] : []),
        ...(q.strengths ? [t(lang, 'export.plan.strengths', { text: q.strengths })] : []),
        ...(q.nextSteps ? [t(lang, 'export.plan.next_steps', { text: q.nextSteps })] : []),
        ...(last ? [t(lang, 'export.plan.score', { score: last.score, date: last.recordedOn })] : []),
      ],
    });
  }
  if (members.length) {
    sections.push({
      heading: t(lang, 'export.plan.family_map'),
      paragraphs: members.map((m) => `${t(lang, `export.plan.role.${m.role}`)}: ${m.name}${m.organisation ? ` (${m.organisation})` : ''}`),
    });
  }
  return { title: t(lang, 'export.plan.title'), sections, lang: lang === 'en' ? 'en-GB' : 'nl-NL' };
}
