import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { TMyFamily, TPortalFamily, TPortalPerson, TPortalTrajectory } from '../../../shared/portal.js';
import { api } from '../../api.js';
import { formatDateTime } from '../../i18n.js';
import { Loading, Page } from '../../shell/Page.js';
import { Empty, useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Heading2, Paragraph } from '../../ui/nlds.js';
import { GlossaryText } from '../glossary/GlossaryText.js';
import './portal.css';

/**
 * The parent's home (/mijn-gezin, issue 6): mobile first, plain Dutch (B1), short sections with a
 * heading each, big targets. Known youth-care terms in texts are explained in place (GlossaryText).
 */
export default function ParentHome() {
  const { t } = useTranslation();
  return (
    <Page title={t('parentPortal.title')}>
      <FamilyOverview />
    </Page>
  );
}

/** The family sections and the portal's links: the page above, and the parent's "/" (Home). */
export function FamilyOverview() {
  const { t } = useTranslation();
  const home = useLoad(() => api<TMyFamily>('GET', '/me/family'), []);
  return (
    <>
      {home.loading && !home.data ? <Loading /> : null}
      {home.error ? <LoadError error={home.error} onRetry={home.reload} /> : null}
      {home.data ? (
        home.data.families.length === 0 ? (
          <Empty title={t('parentPortal.empty.title')}>
            <Paragraph>{t('parentPortal.empty.text')}</Paragraph>
          </Empty>
        ) : (
          home.data.families.map((f) => <Family key={f.applicationId} family={f} />)
        )
      ) : null}
      <MoreLinks />
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="naast-portal-section" aria-labelledby={id}>
      <Heading2 id={id}>{title}</Heading2>
      {children}
    </section>
  );
}

function dateOnly(iso: string, lang: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

function Family({ family }: { family: TPortalFamily }) {
  const { t } = useTranslation();
  const tr = family.trajectory;
  if (!tr) {
    return (
      <Section id={`waiting-${family.applicationId}`} title={t('parentPortal.waiting.title')}>
        <Paragraph>{t('parentPortal.waiting.reference', { reference: family.reference })}</Paragraph>
        {family.waiting ? (
          <>
            <Paragraph>
              <strong>{t('parentPortal.waiting.position', { position: family.waiting.position })}</strong>
            </Paragraph>
            <Paragraph>
              {family.waiting.expectedWaitDays != null
                ? t('parentPortal.waiting.expected', { weeks: Math.max(1, Math.round(family.waiting.expectedWaitDays / 7)) })
                : t('parentPortal.waiting.unknown')}
            </Paragraph>
          </>
        ) : (
          <Paragraph>{t(`parentPortal.waiting.status.${family.applicationStatus}`, { defaultValue: t('parentPortal.waiting.status.other') })}</Paragraph>
        )}
        <Paragraph>
          <GlossaryText text={t('parentPortal.waiting.explain')} />
        </Paragraph>
      </Section>
    );
  }
  return <TrajectoryView tr={tr} />;
}

function Person({ label, person }: { label: string; person: TPortalPerson | null }) {
  const { t } = useTranslation();
  if (!person) return null;
  return (
    <li className="naast-portal-person">
      <span className="naast-portal-label">{label}</span>
      <strong>{person.name}</strong>
      {person.email ? (
        <a className="utrecht-link naast-portal-target" href={`mailto:${person.email}`}>
          {t('parentPortal.people.mail', { email: person.email })}
        </a>
      ) : null}
    </li>
  );
}

function TrajectoryView({ tr }: { tr: TPortalTrajectory }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const s = (key: string) => `${key}-${tr.id}`;
  return (
    <>
      <Section id={s('phase')} title={t('parentPortal.phase.title')}>
        <Paragraph>
          <strong>{t(`parentPortal.phase.names.${tr.phase}`)}</strong>
        </Paragraph>
        <Paragraph>
          <GlossaryText text={t(`parentPortal.phase.explain.${tr.phase}`)} />
        </Paragraph>
        <Paragraph className="naast-portal-muted">{t('parentPortal.phase.since', { date: dateOnly(tr.startedAt, lang) })}</Paragraph>
      </Section>

      <Section id={s('people')} title={t('parentPortal.people.title')}>
        {tr.volunteer || tr.coordinator ? (
          <ul className="naast-portal-list">
            <Person label={t('parentPortal.people.volunteer')} person={tr.volunteer} />
            <Person label={t('parentPortal.people.coordinator')} person={tr.coordinator} />
          </ul>
        ) : (
          <Paragraph>{t('parentPortal.people.none')}</Paragraph>
        )}
      </Section>

      <Section id={s('meetings')} title={t('parentPortal.meetings.title')}>
        {tr.meetings.length ? (
          <ul className="naast-portal-list">
            {tr.meetings.map((m) => (
              <li key={m.id}>
                <strong>{formatDateTime(m.scheduledAt)}</strong>
                <span>
                  <GlossaryText text={m.title} />
                </span>
                {m.place ? <span className="naast-portal-muted">{t('parentPortal.meetings.place', { place: m.place })}</span> : null}
                {m.withWhom ? <span className="naast-portal-muted">{t('parentPortal.meetings.with', { who: m.withWhom })}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <Paragraph>{t('parentPortal.meetings.none')}</Paragraph>
        )}
      </Section>

      <Section id={s('deadlines')} title={t('parentPortal.deadlines.title')}>
        {tr.deadlines.length ? (
          <ul className="naast-portal-list">
            {tr.deadlines.map((d) => (
              <li key={d.id}>
                <strong>{dateOnly(d.dueOn, lang)}</strong>
                <span>
                  <GlossaryText text={d.title} />
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <Paragraph>{t('parentPortal.deadlines.none')}</Paragraph>
        )}
      </Section>

      <Section id={s('agreements')} title={t('parentPortal.agreements.title')}>
        {tr.agreements.length ? (
          <ul className="naast-portal-list">
            {tr.agreements.map((a) => (
              <li key={a.id}>
                <span>
                  <GlossaryText text={a.description} />
                </span>
                <span className="naast-portal-muted">
                  {t('parentPortal.agreements.who', { who: a.party === 'parent' ? t('parentPortal.agreements.you') : a.partyName })}
                  {a.dueOn ? ` · ${t('parentPortal.agreements.due', { date: dateOnly(a.dueOn, lang) })}` : ''}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <Paragraph>{t('parentPortal.agreements.none')}</Paragraph>
        )}
      </Section>

      <Section id={s('plan')} title={t('parentPortal.plan.title')}>
        <Paragraph>
          <GlossaryText text={t('parentPortal.plan.intro')} />
        </Paragraph>
        {tr.helpQuestions.length ? (
          <ul className="naast-portal-list">
            {tr.helpQuestions.map((q) => (
              <li key={q.id}>
                <strong>
                  <GlossaryText text={q.question} />
                </strong>
                {q.goal ? <PlanLine label={t('parentPortal.plan.goal')} text={q.goal} /> : null}
                {q.strengths ? <PlanLine label={t('parentPortal.plan.strengths')} text={q.strengths} /> : null}
                {q.nextSteps ? <PlanLine label={t('parentPortal.plan.nextSteps')} text={q.nextSteps} /> : null}
                <span className="naast-portal-muted">{t(`parentPortal.plan.status.${q.status}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <Paragraph>{t('parentPortal.plan.none')}</Paragraph>
        )}
        {tr.familyMap.length ? (
          <>
            <Paragraph>
              <strong>{t('parentPortal.plan.familyMap')}</strong>
            </Paragraph>
            <ul className="naast-portal-list">
              {tr.familyMap.map((m) => (
                <li key={m.id}>
                  <span>{m.name}</span>
                  <span className="naast-portal-muted">
                    <GlossaryText text={[t(`parentPortal.plan.roles.${m.role}`), m.organisation].filter(Boolean).join(' · ')} />
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      <Section id={s('reports')} title={t('parentPortal.reports.title')}>
        {tr.reportsToReview.length ? (
          <ul className="naast-portal-list">
            {tr.reportsToReview.map((r) => (
              <li key={r.id}>
                <RouterLink className="utrecht-link naast-portal-target" to={`/mijn-verslagen/${r.id}`}>
                  {t('parentPortal.reports.read', { title: r.meetingTitle, date: dateOnly(r.meetingAt, lang) })}
                </RouterLink>
              </li>
            ))}
          </ul>
        ) : (
          <Paragraph>{t('parentPortal.reports.none')}</Paragraph>
        )}
        <Paragraph>
          <RouterLink className="utrecht-link naast-portal-target" to="/mijn-verslagen">
            {t('parentPortal.reports.all')}
          </RouterLink>
        </Paragraph>
      </Section>

      <Section id={s('documents')} title={t('parentPortal.documents.title')}>
        {tr.documents.length || tr.letters.length ? (
          <ul className="naast-portal-list">
            {tr.letters.map((l) => (
              <li key={l.id}>
                <a className="utrecht-link naast-portal-target" href={`/api/v1/me/letters/${l.id}/export?format=pdf`} download>
                  {t('parentPortal.documents.letter', { title: l.title })}
                </a>
                <span className="naast-portal-muted">{t('parentPortal.documents.sharedOn', { date: dateOnly(l.sharedAt, lang) })}</span>
              </li>
            ))}
            {tr.documents.map((d) => (
              <li key={d.id}>
                <a className="utrecht-link naast-portal-target" href={`/api/v1/me/documents/${d.id}/download`} download>
                  {t('parentPortal.documents.document', { title: d.title })}
                </a>
                <span className="naast-portal-muted">{t('parentPortal.documents.sharedOn', { date: dateOnly(d.sharedAt, lang) })}</span>
              </li>
            ))}
          </ul>
        ) : (
          <Paragraph>{t('parentPortal.documents.none')}</Paragraph>
        )}
      </Section>
    </>
  );
}

function PlanLine({ label, text }: { label: string; text: string }) {
  return (
    <span>
      <span className="naast-portal-label">{label}</span> <GlossaryText text={text} />
    </span>
  );
}

function MoreLinks() {
  const { t } = useTranslation();
  const links = [
    { to: '/mijn-verslagen', key: 'reports' },
    { to: '/toestemmingen', key: 'consents' },
    { to: '/mijn-privacy', key: 'privacy' },
    { to: '/woordenlijst', key: 'glossary' },
  ];
  return (
    <Section id="portal-more" title={t('parentPortal.more.title')}>
      <ul className="naast-portal-links">
        {links.map((l) => (
          <li key={l.to}>
            <RouterLink className="utrecht-link naast-portal-target" to={l.to}>
              {t(`parentPortal.more.${l.key}`)}
            </RouterLink>
          </li>
        ))}
      </ul>
    </Section>
  );
}
