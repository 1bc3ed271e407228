import { useTranslation } from 'react-i18next';
import { MATCH_MEASURES, type TExclusion, type TReason } from '../../../shared/matching.js';
import { UnorderedList, UnorderedListItem } from '../../ui/nlds.js';
import './matching.css';

type Translate = (key: string, opts?: Record<string, unknown>) => string;

/** A language code in words, in the user's language ('ar' → "Arabisch"). */
export function languageName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang === 'en' ? 'en' : 'nl'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function measureName(t: Translate, measure: string): string {
  return (MATCH_MEASURES as readonly string[]).includes(measure) ? t(`matching.measures.${measure}`) : measure;
}

const pick = (d: Record<string, string | number> | undefined, ...names: string[]) => {
  for (const n of names) if (d?.[n] !== undefined) return d[n];
  return undefined;
};

/** "+18" or "−4" (a real minus sign, read as "min"). */
export function points(n: number): string {
  const r = Math.round(n * 10) / 10;
  return r < 0 ? `−${Math.abs(r)}` : `+${r}`;
}

/** One reason of a score in words: "12 km from home", "experience with OTS", "speaks Arabic", "1 of 3 families". */
export function reasonText(t: Translate, lang: string, r: TReason): string {
  const d = r.detail;
  switch (r.code) {
    case 'distance': {
      const km = pick(d, 'km', 'distanceKm');
      if (km === undefined) return t('matching.reason.distanceUnknown');
      return Number(km) < 1 ? t('matching.reason.distanceSame') : t('matching.reason.distance', { km: Math.round(Number(km)) });
    }
    case 'measure':
    case 'institution': {
      // The detail names them when the API sends names; otherwise it counts them (matched of all).
      const name = pick(d, r.code);
      if (name !== undefined) return t(`matching.reason.${r.code}Named`, { name: r.code === 'measure' ? measureName(t, String(name)) : String(name) });
      const matched = Number(pick(d, 'matched') ?? 0);
      const of = Number(pick(d, 'of') ?? 0);
      if (of === 0) return t(`matching.reason.${r.code}None`);
      if (matched === 0) return t(`matching.reason.${r.code}NotKnown`);
      if (matched === of) return t(of === 1 ? `matching.reason.${r.code}One` : `matching.reason.${r.code}All`, { of });
      return t(`matching.reason.${r.code}Some`, { matched, of });
    }
    case 'language': {
      const l = pick(d, 'language');
      if (l === undefined) return t('matching.reason.languageAny');
      const spoken = Number(pick(d, 'spoken') ?? 1) === 1;
      return t(spoken ? 'matching.reason.language' : 'matching.reason.languageNot', { language: languageName(String(l), lang) });
    }
    case 'hours': {
      const h = pick(d, 'hours', 'hoursPerWeek');
      return h === undefined ? t('matching.reason.hoursAny') : t('matching.reason.hours', { hours: h });
    }
    case 'caseload': {
      const active = pick(d, 'active', 'activeFamilies');
      const max = pick(d, 'max', 'maxFamilies');
      return active === undefined || max === undefined ? t('matching.reason.caseloadAny') : t('matching.reason.caseload', { active, max });
    }
  }
}

/** The reasons of a score, each with its points: "12 km from home: +18". */
export function Reasons({ reasons }: { reasons: TReason[] }) {
  const { t, i18n } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <UnorderedList className="naast-reasons">
      {reasons.map((r, i) => (
        <UnorderedListItem key={`${r.code}-${i}`}>
          {reasonText(t, i18n.language, r)}: <strong>{points(r.points)}</strong>
        </UnorderedListItem>
      ))}
    </UnorderedList>
  );
}

/** Why a volunteer cannot take this family, in words. */
export function exclusionText(t: Translate, e: TExclusion): string {
  return t(`matching.exclusion.${e.code}`);
}

/** The score in words and as a bar (the number is the text; the bar only repeats it). */
export function Score({ score }: { score: number }) {
  const { t } = useTranslation();
  const value = Math.max(0, Math.min(100, Math.round(score)));
  return (
    <span className="naast-score">
      <span className="naast-score__text">{t('matching.score', { score: value })}</span>
      <span className="naast-score__bar" aria-hidden="true">
        <span style={{ inlineSize: `${value}%` }} />
      </span>
    </span>
  );
}
