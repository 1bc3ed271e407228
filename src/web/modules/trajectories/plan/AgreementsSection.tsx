import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { AGREEMENT_PARTIES, ZAgreementPatch, ZAgreementRequest, type TAgreement, type TTrajectoryDossier } from '../../../../shared/trajectories.js';
import { api } from '../../../api.js';
import { Loading } from '../../../shell/Page.js';
import { useLoad } from '../../../ui/data.js';
import { ErrorSummary, LoadError, SelectField, TextAreaField, TextField, useForm } from '../../../ui/form.js';
import { Button, Checkbox, Heading2, Paragraph } from '../../../ui/nlds.js';
import { GlossaryText } from '../../glossary/GlossaryText.js';
import { planEndpoints } from './endpoints.js';
import { ReasonContext, useReason } from './reason.js';
import { useAnnounce } from './feedback.js';
import { InputField, preprocessed } from '../../../ui/fields.js';
import { formatDay, text } from './format.js';
import { sortAgreements } from './logic.js';
import './plan.css';

type TAgreementList = { items: TAgreement[] };
/** `reason`: the break-the-glass reason the dossier was opened with, if any (sent along on every call). */
type Props = { dossier: TTrajectoryDossier; canWrite: boolean; onChanged: () => void; reason?: string };

// ---------------------------------------------------------------------------------------------
// A new agreement (from the dossier, or made in a meeting: meetingId fixed)
// ---------------------------------------------------------------------------------------------

type AgreementValues = { party: string; partyName: string; description: string; dueOn: string };

export function AgreementForm({ trajectoryId, meetingId, onDone, onCancel }: { trajectoryId: string; meetingId?: string; onDone: (msg: string) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const reason = useReason();
  const schema = preprocessed(ZAgreementRequest, (v) => ({
    party: v.party || undefined,
    partyName: text(v.partyName),
    description: text(v.description),
    dueOn: text(v.dueOn),
    meetingId,
  }));
  const form = useForm(schema, { party: '', partyName: '', description: '', dueOn: '' } as AgreementValues, async (data) => {
    await api('POST', planEndpoints.newAgreement(trajectoryId, reason), data);
    form.reset({ party: '', partyName: '', description: '', dueOn: '' });
    onDone(t('agreements.added'));
  });
  return (
    <form noValidate onSubmit={form.onSubmit} className="naast-plan-sub">
      <ErrorSummary form={form} />
      <SelectField form={form} name="party" label={t('agreements.party')} placeholder={t('plan.choose')} options={AGREEMENT_PARTIES.map((p) => ({ value: p, label: t(`agreements.parties.${p}`) }))} />
      <TextField form={form} name="partyName" label={t('agreements.partyName')} description={t('agreements.partyNameHint')} maxLength={120} />
      <TextAreaField form={form} name="description" label={t('agreements.description')} description={t('agreements.descriptionHint')} rows={3} maxLength={2000} />
      <InputField form={form} name="dueOn" type="date" label={t('agreements.dueOn')} description={t('plan.optional')} />
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('agreements.add')}
        </Button>
        {onCancel ? (
          <Button appearance="secondary-action-button" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// One agreement, and changing its status
// ---------------------------------------------------------------------------------------------

const CLOSING_STATUSES = ['done', 'not_kept', 'irrelevant'] as const;
type StatusValues = { status: string; statusNote: string };
// A new status without a note clears the old note (it belonged to the previous status).
const ZStatusForm = preprocessed(ZAgreementPatch.pick({ status: true, statusNote: true }).required({ status: true }), (v) => ({ status: v.status || undefined, statusNote: text(v.statusNote) ?? null }));

function StatusForm({ trajectoryId, agreement, onDone, onCancel }: { trajectoryId: string; agreement: TAgreement; onDone: (msg: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const reason = useReason();
  const form = useForm(ZStatusForm, { status: '', statusNote: '' } as StatusValues, async (data) => {
    await api('PATCH', planEndpoints.agreement(trajectoryId, agreement.id, reason), data);
    onDone(t('agreements.statusSaved', { status: t(`agreements.status.${data.status}`) }));
  });
  return (
    <form noValidate onSubmit={form.onSubmit} className="naast-plan-sub">
      <ErrorSummary form={form} />
      <SelectField
        form={form}
        name="status"
        label={t('agreements.newStatus')}
        placeholder={t('plan.choose')}
        options={(agreement.status === 'open' ? CLOSING_STATUSES : (['open', ...CLOSING_STATUSES] as const)).filter((s) => s !== agreement.status).map((s) => ({ value: s, label: t(`agreements.status.${s}`) }))}
      />
      <TextAreaField form={form} name="statusNote" label={t('agreements.statusNote')} description={t('plan.optional')} rows={2} maxLength={1000} />
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('agreements.saveStatus')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** One agreement in words: what, who, by when (and "te laat" in text when overdue), from which meeting. */
export function AgreementItem({
  a,
  trajectoryId,
  canWrite,
  onDone,
  showMeeting = true,
}: {
  a: TAgreement;
  trajectoryId: string;
  canWrite: boolean;
  onDone?: (msg: string) => void;
  showMeeting?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [changing, setChanging] = useState(false);
  return (
    <li className={a.overdue ? 'naast-plan-item naast-plan-item--overdue' : 'naast-plan-item'}>
      <Paragraph>
        {a.overdue ? <strong className="naast-plan-late">{t('agreements.late')}</strong> : null}
        <strong>
          <GlossaryText text={a.description} />
        </strong>
      </Paragraph>
      <Paragraph>
        {t('agreements.who', { name: a.partyName, party: t(`agreements.parties.${a.party}`) })}
        {' · '}
        {a.dueOn ? t('agreements.due', { date: formatDay(a.dueOn, i18n.language) }) : t('agreements.noDue')}
      </Paragraph>
      {showMeeting && a.meetingId && a.meetingTitle ? (
        <Paragraph className="naast-plan-meta">
          {t('agreements.fromMeeting')}{' '}
          <RouterLink className="utrecht-link" to={`/trajecten/${trajectoryId}/gesprekken/${a.meetingId}`}>
            {a.meetingTitle}
          </RouterLink>
        </Paragraph>
      ) : null}
      {a.status !== 'open' ? (
        <Paragraph className="naast-plan-meta">
          {t('agreements.statusIs', { status: t(`agreements.status.${a.status}`) })}
          {a.statusChangedAt ? ` (${formatDay(a.statusChangedAt.slice(0, 10), i18n.language)})` : ''}
          {a.statusNote ? (
            <>
              {' – '}
              <GlossaryText text={a.statusNote} />
            </>
          ) : null}
        </Paragraph>
      ) : null}
      {canWrite && onDone && !changing ? (
        <div className="naast-actions">
          <Button appearance="secondary-action-button" onClick={() => setChanging(true)}>
            {t('agreements.changeStatus')}
            <span className="naast-visually-hidden"> {a.description.slice(0, 60)}</span>
          </Button>
        </div>
      ) : null}
      {changing && onDone ? (
        <StatusForm
          trajectoryId={trajectoryId}
          agreement={a}
          onDone={(msg) => {
            setChanging(false);
            onDone(msg);
          }}
          onCancel={() => setChanging(false)}
        />
      ) : null}
    </li>
  );
}

function AllAgreements({ trajectoryId, canWrite, onDone, version }: { trajectoryId: string; canWrite: boolean; onDone: (msg: string) => void; version: number }) {
  const { t } = useTranslation();
  const reason = useReason();
  const all = useLoad(() => api<TAgreementList>('GET', planEndpoints.agreements(trajectoryId, 'all', reason)), [trajectoryId, version]);
  if (all.loading && !all.data) return <Loading />;
  if (all.error || !all.data) return <LoadError error={all.error} onRetry={all.reload} />;
  const items = all.data.items;
  if (items.length === 0) return <Paragraph>{t('agreements.none')}</Paragraph>;
  return (
    <ul className="naast-plan-list">
      {sortAgreements(items).map((a) => (
        <AgreementItem key={a.id} a={a} trajectoryId={trajectoryId} canWrite={canWrite} onDone={onDone} />
      ))}
    </ul>
  );
}

/** Agreements (afspraken) in the dossier: the open ones (overdue first), all on request, status changes, a new one. */
export function AgreementsSection(props: Props) {
  return (
    <ReasonContext.Provider value={props.reason}>
      <Agreements {...props} />
    </ReasonContext.Provider>
  );
}

function Agreements({ dossier, canWrite, onChanged }: Props) {
  const { t } = useTranslation();
  const tid = dossier.trajectory.id;
  const [showAll, setShowAll] = useState(false);
  const [adding, setAdding] = useState(false);
  const [version, setVersion] = useState(0);
  const { announce, region } = useAnnounce();
  const done = (msg: string) => {
    setAdding(false);
    setVersion((v) => v + 1);
    announce(msg);
    onChanged();
  };
  const open = sortAgreements(dossier.openAgreements);
  const overdue = open.filter((a) => a.overdue).length;
  return (
    <section aria-labelledby="plan-agreements" className="naast-card">
      <Heading2 id="plan-agreements">{t('agreements.title')}</Heading2>
      <Paragraph>{t('agreements.intro')}</Paragraph>
      <Paragraph>
        {t('agreements.openCount', { count: open.length })}
        {overdue > 0 ? ` ${t('agreements.overdueCount', { count: overdue })}` : ''}
      </Paragraph>
      {region}
      <div className="naast-checkbox-row">
        <Checkbox id={`agreements-all-${tid}`} checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
        <label htmlFor={`agreements-all-${tid}`}>{t('agreements.showAll')}</label>
      </div>
      {showAll ? (
        <AllAgreements trajectoryId={tid} canWrite={canWrite} onDone={done} version={version} />
      ) : open.length === 0 ? (
        <Paragraph>{t('agreements.noneOpen')}</Paragraph>
      ) : (
        <ul className="naast-plan-list">
          {open.map((a) => (
            <AgreementItem key={a.id} a={a} trajectoryId={tid} canWrite={canWrite} onDone={done} />
          ))}
        </ul>
      )}
      {canWrite ? (
        adding ? (
          <>
            <h3 className="utrecht-heading-3">{t('agreements.new')}</h3>
            <AgreementForm trajectoryId={tid} onDone={done} onCancel={() => setAdding(false)} />
          </>
        ) : (
          <Button appearance="secondary-action-button" onClick={() => setAdding(true)}>
            {t('agreements.add')}
          </Button>
        )
      ) : null}
    </section>
  );
}
