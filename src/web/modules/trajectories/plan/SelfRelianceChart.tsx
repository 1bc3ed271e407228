import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { THelpQuestion } from '../../../../shared/trajectories.js';
import { Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '../../../ui/nlds.js';
import { GlossaryText } from '../../glossary/GlossaryText.js';
import { formatDay, formatShortDay } from './format.js';
import { chartSummary } from './logic.js';

type Score = THelpQuestion['scores'][number];

const W = 320;
const H = 170;
const PAD = { left: 28, right: 12, top: 12, bottom: 30 };

const day = (d: string) => Date.parse(`${d}T12:00:00Z`);

/**
 * Self-reliance (zelfredzaamheid) over time as a step line: the score holds until the next
 * measurement. Plain inline SVG (no chart library: bundle size); the sentence above it is its
 * accessible name and the table below gives every measurement in words.
 */
export function SelfRelianceChart({ scores, question }: { scores: Score[]; question: string }) {
  const { t, i18n } = useTranslation();
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const summary = chartSummary(t, scores, i18n.language);
  if (scores.length === 0) return <Paragraph>{summary}</Paragraph>;

  const x0 = day(scores[0]!.recordedOn);
  const x1 = day(scores[scores.length - 1]!.recordedOn);
  const span = Math.max(x1 - x0, 1);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (d: string) => PAD.left + (scores.length === 1 ? innerW / 2 : ((day(d) - x0) / span) * innerW);
  const y = (s: number) => PAD.top + ((5 - s) / 4) * innerH;

  let path = '';
  scores.forEach((s, i) => {
    const px = x(s.recordedOn);
    const py = y(s.score);
    path += i === 0 ? `M${px},${py}` : ` H${px} V${py}`;
  });
  const firstLabel = formatShortDay(scores[0]!.recordedOn, i18n.language);
  const lastLabel = formatShortDay(scores[scores.length - 1]!.recordedOn, i18n.language);

  return (
    <figure className="naast-plan-figure">
      <Paragraph id={`${id}-summary`}>
        <strong>{summary}</strong>
      </Paragraph>
      <svg className="naast-plan-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-summary`} focusable="false">
        {[1, 2, 3, 4, 5].map((s) => (
          <g key={s}>
            <line className="grid" x1={PAD.left} x2={W - PAD.right} y1={y(s)} y2={y(s)} />
            <text x={PAD.left - 8} y={y(s) + 4} textAnchor="end">
              {s}
            </text>
          </g>
        ))}
        <path className="line" d={path} />
        {scores.map((s) => (
          <circle key={s.id} className="dot" cx={x(s.recordedOn)} cy={y(s.score)} r={5} />
        ))}
        <text x={PAD.left} y={H - 8} textAnchor="start">
          {firstLabel}
        </text>
        {scores.length > 1 ? (
          <text x={W - PAD.right} y={H - 8} textAnchor="end">
            {lastLabel}
          </text>
        ) : null}
      </svg>
      <details className="naast-plan-details">
        <summary>{t('plan.chart.table')}</summary>
        <div className="naast-table-wrap" tabIndex={0} role="region" aria-label={t('plan.chart.caption', { question })}>
          <Table>
            <TableCaption className="naast-visually-hidden">{t('plan.chart.caption', { question })}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('plan.chart.date')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('plan.chart.score')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('plan.chart.note')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {scores.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>{formatDay(s.recordedOn, i18n.language)}</TableCell>
                  <TableCell>
                    {s.score} – {t(`plan.score.${s.score}`)}
                  </TableCell>
                  <TableCell>{s.note ? <GlossaryText text={s.note} /> : '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </details>
    </figure>
  );
}
