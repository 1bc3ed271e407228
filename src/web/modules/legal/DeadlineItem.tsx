import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ruleByCode, type TDeadline } from '../../../shared/legal.js';
import { Button, Paragraph } from '../../ui/nlds.js';
import { GlossaryText } from '../glossary/GlossaryText.js';
import { formatDay } from '../trajectories/plan/format.js';

type Lang = 'nl' | 'en';
export const langOf = (language: string): Lang => (language.startsWith('en') ? 'en' : 'nl');

/** The deadline's title in the reader's language: the rule's own, or the one typed in by hand. */
export function deadlineTitle(d: Pick<TDeadline, 'ruleCode' | 'title'>, lang: Lang): string {
  return ruleByCode(d.ruleCode)?.title[lang] ?? d.title;
}

/**
 * One deadline: what, by when (overdue said in words, not only in colour), the legal source as a link,
 * and "Why this deadline?" as a disclosure with the rule's plain-language explanation.
 */
export function DeadlineItem({
  d,
  reference,
  onStatus,
  busy,
}: {
  d: TDeadline;
  /** Shown on the /agenda list: the family reference linking to its dossier. */
  reference?: string;
  onStatus?: (status: 'done' | 'cancelled' | 'open') => void;
  busy?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rule = ruleByCode(d.ruleCode);
  const title = deadlineTitle(d, lang);
  return (
    <li className={d.overdue ? 'naast-legal-item naast-legal-item--overdue' : 'naast-legal-item'}>
      <Paragraph>
        {d.overdue ? <strong className="naast-legal-late">{t('legal.deadlines.late')} </strong> : null}
        <strong>{title}</strong>
        {reference ? (
          <>
            {' · '}
            <RouterLink className="utrecht-link" to={`/trajecten/${d.trajectoryId}`}>
              {t('legal.agenda.family', { reference })}
            </RouterLink>
          </>
        ) : null}
      </Paragraph>
      <Paragraph>
        {t('legal.deadlines.due', { date: formatDay(d.dueOn, i18n.language) })}
        {d.status !== 'open' ? ` · ${t(`legal.deadlines.status.${d.status}`)}` : ''}
      </Paragraph>
      {d.source ? (
        <Paragraph className="naast-legal-meta">
          {t('legal.deadlines.source')}{' '}
          {d.source.url ? (
            <a className="utrecht-link" href={d.source.url} target="_blank" rel="noreferrer">
              {d.source.article}, {d.source.law}
              <span className="naast-visually-hidden"> {t('legal.deadlines.newWindow')}</span>
            </a>
          ) : (
            `${d.source.article}, ${d.source.law}`
          )}
        </Paragraph>
      ) : null}
      {rule ? (
        <details className="naast-legal-why">
          <summary>{t('legal.deadlines.why')}</summary>
          <Paragraph>
            <GlossaryText text={rule.explanation[lang]} />
          </Paragraph>
          {!rule.source ? <Paragraph className="naast-legal-meta">{t('legal.deadlines.noSource')}</Paragraph> : null}
        </details>
      ) : null}
      {onStatus ? (
        <div className="naast-actions">
          {d.status === 'open' ? (
            <>
              <Button appearance="secondary-action-button" busy={busy} onClick={() => onStatus('done')}>
                {t('legal.deadlines.markDone')}
                <span className="naast-visually-hidden"> {title}</span>
              </Button>
              <Button appearance="secondary-action-button" busy={busy} onClick={() => onStatus('cancelled')}>
                {t('legal.deadlines.markCancelled')}
                <span className="naast-visually-hidden"> {title}</span>
              </Button>
            </>
          ) : (
            <Button appearance="secondary-action-button" busy={busy} onClick={() => onStatus('open')}>
              {t('legal.deadlines.reopen')}
              <span className="naast-visually-hidden"> {title}</span>
            </Button>
          )}
        </div>
      ) : null}
    </li>
  );
}
