import { recordActorAudit } from '../../platform/audit/actor.js';
import type { ActorContext } from '../../platform/http/context.js';
import type { ExportDocument, ExportSection } from '../../platform/export/index.js';
import type { ExportRows } from '../../platform/privacy/registry.js';
import { personalDataParts } from '../../personal-data.js';
import { familyDocumentFiles } from '../documents/public.js';
import { getOrganisationName } from '../organisations/public.js';
import { scopesOfParent } from './scope.js';
import { fieldLabel, sectionLabel } from './labels.js';

export interface DataExport {
  format: 'naast-personal-data/1';
  generatedAt: string;
  organisation: string;
  families: Array<{ reference: string; parts: Record<string, Record<string, ExportRows>> }>;
}

/**
 * Access and portability (AVG art. 15/20): everything Naast holds about the signed-in parent and
 * their children, read through every part of the personal-data map in one transaction. Audited as
 * an export about the parent.
 */
export async function exportOwnData(ctx: ActorContext, format: 'json' | 'pdf'): Promise<DataExport> {
  return (await collect(ctx, format, false)).data;
}

/** The same export with the family's uploaded files (decrypted), read and audited in the same transaction: the ZIP download. */
export async function exportOwnDataWithFiles(ctx: ActorContext): Promise<{ data: DataExport; files: Array<{ fileName: string; bytes: Buffer }> }> {
  return collect(ctx, 'zip', true);
}

async function collect(ctx: ActorContext, format: 'json' | 'pdf' | 'zip', withFiles: boolean) {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const scopes = await scopesOfParent(tx, orgId, userId);
    const families: DataExport['families'] = [];
    const files: Array<{ fileName: string; bytes: Buffer }> = [];
    for (const scope of scopes) {
      const parts: Record<string, Record<string, ExportRows>> = {};
      for (const part of personalDataParts) parts[part.module] = await part.exportFor(tx, orgId, scope);
      families.push({ reference: scope.reference, parts });
      if (withFiles) files.push(...(await familyDocumentFiles(tx, ctx.config, orgId, scope.trajectoryIds)));
    }
    await recordActorAudit(tx, ctx, { subjectId: userId, action: 'export', resourceType: 'personal_data', resourceId: format });
    const data: DataExport = { format: 'naast-personal-data/1', generatedAt: new Date().toISOString(), organisation: (await getOrganisationName(tx, orgId)) ?? '', families };
    return { data, files };
  });
}

const SKIP = /(^id$|_id$|Id$|^position$|^trajectory_id$)/;

// Formatters are costly to create: one of each per language (a large dossier formats thousands of dates).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: 'nl' | 'en', withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    const locale = lang === 'en' ? 'en-GB' : 'nl-NL';
    f = withTime
      ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' })
      : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    formatters.set(key, f);
  }
  return f;
}

function formatValue(v: unknown, lang: 'nl' | 'en'): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? (lang === 'en' ? 'yes' : 'ja') : lang === 'en' ? 'no' : 'nee';
  if (Array.isArray(v)) {
    const items = v.map((x) => (x && typeof x === 'object' ? Object.values(x as object).filter(Boolean).join(' – ') : String(x))).filter(Boolean);
    return items.length ? items.join(', ') : null;
  }
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  // Times to a readable date (and time when there is one).
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) {
    return formatter(lang, true).format(new Date(s));
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return formatter(lang, false).format(new Date(`${s}T00:00:00Z`));
  return s;
}

/** The same data as a readable document: a heading per part, one paragraph per item, plain labels. */
export function exportDocument(data: DataExport, lang: 'nl' | 'en'): ExportDocument {
  const sections: ExportSection[] = [];
  for (const family of data.families) {
    sections.push({ heading: `${lang === 'en' ? 'Family' : 'Gezin'} ${family.reference}`, paragraphs: [] });
    for (const [module, parts] of Object.entries(family.parts)) {
      for (const [name, rows] of Object.entries(parts)) {
        if (!rows.length) continue;
        const paragraphs = rows.map((row) =>
          Object.entries(row)
            .filter(([k]) => !SKIP.test(k))
            .map(([k, v]) => [fieldLabel(k, lang), formatValue(v, lang)] as const)
            .filter(([, v]) => v !== null)
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n'),
        );
        sections.push({ heading: sectionLabel(module, name, lang), paragraphs: paragraphs.filter((p) => p !== '') });
      }
    }
  }
  if (!data.families.length) sections.push({ paragraphs: [lang === 'en' ? 'Naast holds no family data about you.' : 'Naast heeft geen gegevens over uw gezin.'] });
  return {
    title: lang === 'en' ? 'Your data in Naast' : 'Uw gegevens in Naast',
    subtitle: data.organisation,
    meta: [
      `${lang === 'en' ? 'Made on' : 'Gemaakt op'} ${formatValue(data.generatedAt, lang)}`,
      lang === 'en'
        ? 'Everything Naast keeps about you and your children (GDPR art. 15). The JSON file holds the same data for another program.'
        : 'Alles wat Naast over u en uw kinderen bewaart (AVG artikel 15). Het JSON-bestand heeft dezelfde gegevens voor een ander programma.',
    ],
    sections,
    lang: lang === 'en' ? 'en-GB' : 'nl-NL',
  };
}
