import { useTranslation } from 'react-i18next';
import type { TDiffPart } from '../../../shared/reports.js';
import './reports.css';

/**
 * Differences between two versions, readable without colour: added text is <ins> with a "+"
 * marker and underline, removed text <del> with a "−" marker and strike-through; screen readers
 * hear "added:" / "removed:" before each change.
 */
export function DiffView({ parts }: { parts: TDiffPart[] }) {
  const { t } = useTranslation();
  const changed = parts.some((p) => p.kind !== 'same');
  if (!changed) return <p className="utrecht-paragraph">{t('reports.diff.noChanges')}</p>;
  return (
    <div className="naast-report-diff">
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'added' ? (
          <ins key={i} className="naast-report-added">
            <span className="naast-visually-hidden">{t('reports.diff.addedSr')} </span>
            <span aria-hidden="true" className="naast-report-mark">+</span>
            {p.text}
          </ins>
        ) : (
          <del key={i} className="naast-report-removed">
            <span className="naast-visually-hidden">{t('reports.diff.removedSr')} </span>
            <span aria-hidden="true" className="naast-report-mark">−</span>
            {p.text}
          </del>
        ),
      )}
    </div>
  );
}

/** The legend above a difference view. */
export function DiffLegend() {
  const { t } = useTranslation();
  return (
    <p className="utrecht-paragraph naast-report-legend">
      <ins className="naast-report-added">
        <span aria-hidden="true" className="naast-report-mark">+</span>
        {t('reports.diff.addedLegend')}
      </ins>{' '}
      <del className="naast-report-removed">
        <span aria-hidden="true" className="naast-report-mark">−</span>
        {t('reports.diff.removedLegend')}
      </del>
    </p>
  );
}
