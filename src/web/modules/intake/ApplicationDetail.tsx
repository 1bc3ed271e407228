import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { INTAKE_DECISIONS, ZApplicationAccessQuery, ZIntakeRequest, ZLinkParentRequest, type TApplicationDetail } from '../../../shared/intake.js';
import { ACCESS_REASON_MAX, ACCESS_REASON_MIN, type TUserSummary } from '../../../shared/users.js';
import { api, ApiError } from '../../api.js';
import { formatDateTime } from '../../i18n.js';
import { can } from '../../permissions.js';
import { useSession } from '../../session.js';
import { Loading, Page } from '../../shell/Page.js';
import { ActionFeedback, Notice, useAction, useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, SelectField, TextAreaField, useForm } from '../../ui/form.js';
import { Alert, Button, DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '../../ui/nlds.js';
import NotFound from '../home/NotFound.js';
import { DateField, RadioField } from '../../ui/fields.js';
import { Deadline, formatDate, PriorityFlag } from './labels.js';
import { addRow, flatSchema, key, removeRow, rowsOf, text, withFlatErrors, type Flat } from './nested.js';
import './intake.css';

type Detail = TApplicationDetail;
type Save = (d: Detail) => void;
/** Calls an action of this application; carries the break-the-glass reason the read was opened with. */
type Call = (method: 'POST' | 'GET', path: string, body?: unknown) => Promise<Detail>;

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue>{children}</DataListValue>
    </DataListItem>
  );
}

const ZReasonForm = ZApplicationAccessQuery.required();

function ReasonPage({ onReason }: { onReason: (reason: string) => Promise<void> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm(ZReasonForm, { reason: '' }, ({ reason }) => onReason(reason));
  return (
    <Page title={t('intake.reason.title')} narrow>
      <Paragraph>{t('intake.reason.intro')}</Paragraph>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <TextAreaField form={form} name="reason" label={t('intake.reason.label')} description={t('intake.reason.hint', { min: ACCESS_REASON_MIN, max: ACCESS_REASON_MAX })} maxLength={ACCESS_REASON_MAX} />
        <div className="naast-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy}>
            {t('intake.reason.submit')}
          </Button>
          <Button appearance="secondary-action-button" onClick={() => void navigate('/aanmeldingen')}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Page>
  );
}

function DuplicateBanner({ a, call, onSaved }: { a: Detail; call: Call; onSaved: Save }) {
  const { t } = useTranslation();
  const action = useAction();
  if (a.duplicateResolution === 'kept_apart') return null;
  if (!a.possibleDuplicateOf) return null;
  const resolve = (resolution: 'merge' | 'keep_apart') =>
    action.run(async () => {
      onSaved(await call('POST', 'duplicate', { resolution }));
      return t(resolution === 'merge' ? 'intake.duplicate.merged' : 'intake.duplicate.keptApart');
    }, resolution);
  const ref = a.possibleDuplicateOf.reference;
  return (
    <Alert type="warning">
      <Heading2>{t('intake.duplicate.title')}</Heading2>
      <Paragraph>{t('intake.duplicate.text', { reference: ref })}</Paragraph>
      <Paragraph>
        <RouterLink className="utrecht-link" to={`/aanmeldingen/${a.possibleDuplicateOf.id}`}>
          {t('intake.duplicate.open', { reference: ref })}
        </RouterLink>
      </Paragraph>
      {a.duplicateResolution ? null : (
        <div className="naast-actions">
          <Button appearance="secondary-action-button" busy={action.isBusy('merge')} onClick={() => void resolve('merge')}>
            {t('intake.duplicate.merge')}
          </Button>
          <Button appearance="secondary-action-button" busy={action.isBusy('keep_apart')} onClick={() => void resolve('keep_apart')}>
            {t('intake.duplicate.keep')}
          </Button>
        </div>
      )}
      <ActionFeedback action={action} />
    </Alert>
  );
}

function FirstContact({ a, call, onSaved, manage }: { a: Detail; call: Call; onSaved: Save; manage: boolean }) {
  const { t } = useTranslation();
  const action = useAction();
  const record = () =>
    action.run(async () => {
      onSaved(await call('POST', 'first-contact', {}));
      return t('intake.contact.done');
    });
  return (
    <section aria-labelledby="first-contact" className="naast-card">
      <Heading2 id="first-contact">{t('intake.contact.title')}</Heading2>
      <ActionFeedback action={action} />
      {a.firstContactAt ? (
        <Paragraph>{t('intake.contact.at', { date: formatDateTime(a.firstContactAt) })}</Paragraph>
      ) : (
        <>
          <Paragraph>
            <Deadline dueAt={a.firstContactDueAt} state={a.dueState} />
          </Paragraph>
          <Paragraph>{t('intake.contact.intro')}</Paragraph>
          {manage && a.status === 'new' ? (
            <Button appearance="primary-action-button" busy={action.isBusy()} onClick={() => void record()}>
              {t('intake.contact.button')}
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
/** The date of the conversation as a moment: now for today (never in the future), else midday. */
const heldAtOf = (date: string | undefined) => (!date ? undefined : date === today() ? new Date().toISOString() : Number.isNaN(new Date(`${date}T12:00:00`).getTime()) ? date : new Date(`${date}T12:00:00`).toISOString());

/** refer needs to whom and why, decline needs why: said at the fields before the server says it. */
const ZIntakeForm = ZIntakeRequest.superRefine((v, ctx) => {
  const required = (path: string) => ctx.addIssue({ code: 'custom', path: [path], message: '', params: { messageKey: 'field.required' } });
  if (v.decision === 'refer' && !v.referredTo) required('referredTo');
  if ((v.decision === 'refer' || v.decision === 'decline') && !v.reason) required('reason');
});

function IntakeForm({ call, onSaved }: { call: Call; onSaved: Save }) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      flatSchema(ZIntakeForm, (v: Flat) => ({
        heldAt: heldAtOf(text(v.heldAt)),
        helpQuestions: Array.from({ length: rowsOf(v, 'helpQuestions') }, (_, i) => text(v[key('helpQuestions', i)]) ?? ''),
        goals: text(v.goals),
        risks: text(v.risks),
        decision: v.decision,
        referredTo: v.decision === 'refer' ? text(v.referredTo) : undefined,
        reason: v.decision === 'refer' || v.decision === 'decline' ? text(v.reason) : undefined,
      })),
    [],
  );
  const initial = addRow({ heldAt: today(), goals: '', risks: '', decision: undefined, referredTo: '', reason: '' }, 'helpQuestions', { '': '' });
  const form = useForm(schema, initial, async (data) => {
    onSaved(await withFlatErrors(call('POST', 'intake', data)));
  });
  const count = rowsOf(form.values, 'helpQuestions');
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
  const decision = form.values.decision;
  return (
    <section aria-labelledby="intake-form" className="naast-card">
      <Heading2 id="intake-form">{t('intake.intakeForm.title')}</Heading2>
      <Paragraph>{t('intake.intakeForm.intro')}</Paragraph>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <DateField form={form} name="heldAt" label={t('intake.intakeForm.heldAt')} max={today()} />
        <fieldset className="naast-fieldset">
          <legend className="utrecht-form-label">{t('intake.intakeForm.questionsTitle')}</legend>
          {Array.from({ length: count }, (_, i) => (
            <div key={i} className="naast-row">
              <TextAreaField form={form} name={key('helpQuestions', i)} label={t('intake.intakeForm.question', { n: i + 1 })} rows={2} maxLength={1000} />
              {count > 1 ? (
                <Button
                  appearance="secondary-action-button"
                  onClick={() => {
                    form.reset(removeRow(form.values, 'helpQuestions', i));
                    focusLater('intake-add-question');
                  }}
                >
                  {t('intake.intakeForm.removeQuestion', { n: i + 1 })}
                </Button>
              ) : null}
            </div>
          ))}
          {count < 10 ? (
            <Button
              id="intake-add-question"
              appearance="secondary-action-button"
              onClick={() => {
                form.reset(addRow(form.values, 'helpQuestions', { '': '' }));
                focusLater(form.fieldId(key('helpQuestions', count)));
              }}
            >
              {t('intake.intakeForm.addQuestion')}
            </Button>
          ) : null}
        </fieldset>
        <TextAreaField form={form} name="goals" label={t('intake.intakeForm.goals')} rows={3} maxLength={4000} />
        <TextAreaField form={form} name="risks" label={t('intake.intakeForm.risks')} description={t('intake.intakeForm.risksHint')} rows={3} maxLength={4000} />
        <RadioField
          form={form}
          name="decision"
          label={t('intake.intakeForm.decision')}
          options={INTAKE_DECISIONS.map((d) => ({ value: d, label: t(`intake.decision.${d}`), hint: t(`intake.decisionHint.${d}`) }))}
        />
        {decision === 'refer' ? <TextAreaField form={form} name="referredTo" label={t('intake.intakeForm.referredTo')} rows={2} maxLength={200} /> : null}
        {decision === 'refer' || decision === 'decline' ? <TextAreaField form={form} name="reason" label={t('intake.intakeForm.reason')} rows={3} maxLength={2000} /> : null}
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('intake.intakeForm.submit')}
        </Button>
      </form>
    </section>
  );
}

function IntakeResult({ a }: { a: Detail }) {
  const { t, i18n } = useTranslation();
  const i = a.intake!;
  return (
    <section aria-labelledby="intake-result" className="naast-card">
      <Heading2 id="intake-result">{t('intake.intakeForm.result')}</Heading2>
      <DataList>
        <Item label={t('intake.intakeForm.heldAt')}>{formatDate(i.heldAt, i18n.language)}</Item>
        <Item label={t('intake.intakeForm.questionsTitle')}>
          <UnorderedList>
            {i.helpQuestions.map((q, n) => (
              <UnorderedListItem key={n}>{q}</UnorderedListItem>
            ))}
          </UnorderedList>
        </Item>
        <Item label={t('intake.intakeForm.goals')}>{i.goals || '—'}</Item>
        <Item label={t('intake.intakeForm.risks')}>{i.risks || '—'}</Item>
        <Item label={t('intake.intakeForm.decision')}>{t(`intake.decision.${i.decision}`)}</Item>
        {i.referredTo ? <Item label={t('intake.intakeForm.referredTo')}>{i.referredTo}</Item> : null}
        {i.reason ? <Item label={t('intake.intakeForm.reason')}>{i.reason}</Item> : null}
        <Item label={t('intake.intakeForm.decidedAt')}>{formatDateTime(i.decidedAt)}</Item>
      </DataList>
    </section>
  );
}

/**
 * Linking the parent's own account. Only admins can list parent accounts (GET /users shows
 * coordinators no parents), so coordinators see an explanation instead of the picker.
 */
function ParentAccount({ a, call, onSaved, admin }: { a: Detail; call: Call; onSaved: Save; admin: boolean }) {
  const { t } = useTranslation();
  const parents = useLoad(() => (admin ? api<{ items: TUserSummary[] }>('GET', '/users?role=parent&status=active&limit=200') : Promise.resolve({ items: [] })), [admin]);
  const form = useForm(ZLinkParentRequest, { userId: a.parentUserId ?? undefined } as { userId: string | undefined }, async (data) => {
    onSaved(await call('POST', 'link-parent', data));
    return t('intake.parent.linked');
  });
  return (
    <section aria-labelledby="parent-account" className="naast-card">
      <Heading2 id="parent-account">{t('intake.parent.title')}</Heading2>
      <Notice>{form.notice}</Notice>
      {a.parentUserId ? <Paragraph>{t('intake.parent.isLinked')}</Paragraph> : <Paragraph>{t('intake.parent.intro')}</Paragraph>}
      {!admin ? (
        <Paragraph>{t('intake.parent.onlyAdmin')}</Paragraph>
      ) : parents.loading ? (
        <Loading />
      ) : parents.error ? (
        <LoadError error={parents.error} onRetry={parents.reload} />
      ) : (parents.data?.items.length ?? 0) === 0 ? (
        <Paragraph>{t('intake.parent.noParents')}</Paragraph>
      ) : (
        <form noValidate onSubmit={form.onSubmit}>
          <ErrorSummary form={form} />
          <SelectField
            form={form}
            name="userId"
            label={t('intake.parent.account')}
            placeholder={t('intake.parent.choose')}
            options={(parents.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` }))}
          />
          <Button type="submit" appearance="secondary-action-button" busy={form.busy}>
            {t('intake.parent.link')}
          </Button>
        </form>
      )}
    </section>
  );
}

function Record({ a, call, onSaved }: { a: Detail; call: Call; onSaved: Save }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const manage = can(user?.role, 'applications.manage');
  const none = t('intake.detail.none');
  const place = a.queue === 'helpdesk' ? t('intake.queue.helpdesk') : (a.locationName ?? none);
  return (
    <>
      {a.status === 'merged' && a.mergedInto ? (
        <Alert type="info">
          <Paragraph>{t('intake.detail.mergedInto')}</Paragraph>
          <Paragraph>
            <RouterLink className="utrecht-link" to={`/aanmeldingen/${a.mergedInto}`}>
              {t('intake.detail.openMerged')}
            </RouterLink>
          </Paragraph>
        </Alert>
      ) : null}
      <DuplicateBanner a={a} call={call} onSaved={onSaved} />
      {(a.status === 'waiting' || a.status === 'matching') && can(user?.role, 'matching.manage') ? (
        <Paragraph>
          <RouterLink className="utrecht-link" to={`/aanmeldingen/${a.id}/matchen`}>
            {t('intake.detail.match')}
          </RouterLink>
        </Paragraph>
      ) : null}
      <section aria-labelledby="app-summary">
        <Heading2 id="app-summary">{t('intake.detail.summary')}</Heading2>
        <DataList>
          <Item label={t('intake.detail.reference')}>{a.reference}</Item>
          <Item label={t('intake.detail.status')}>{t(`intake.status.${a.status}`)}</Item>
          <Item label={t('intake.detail.received')}>{formatDateTime(a.receivedAt)}</Item>
          <Item label={t('intake.detail.channel')}>{t(`intake.channel.${a.channel}`)}</Item>
          <Item label={t('intake.detail.deadline')}>
            <Deadline dueAt={a.firstContactDueAt} state={a.dueState} />
          </Item>
          <Item label={t('intake.detail.place')}>{place}</Item>
          <Item label={t('intake.detail.municipality')}>{a.municipalityName}</Item>
          <Item label={t('intake.detail.postcode')}>{a.postcode ?? none}</Item>
          <Item label={t('intake.detail.funding')}>
            {a.funding ? t(`funding.${a.funding}`) : none}
            {a.financingNeeded ? (
              <>
                {' '}
                <span className="naast-deadline">{t('intake.detail.financingNeeded')}</span>
              </>
            ) : null}
          </Item>
          {a.suggestedReferral ? <Item label={t('intake.detail.suggestedReferral')}>{a.suggestedReferral}</Item> : null}
          <Item label={t('intake.detail.hearing')}>{a.hearingDate ? formatDate(a.hearingDate, i18n.language) : none}</Item>
          {a.urgencyNote ? <Item label={t('intake.detail.urgencyNote')}>{a.urgencyNote}</Item> : null}
          <Item label={t('intake.detail.priority')}>
            {t(`intake.detail.priority${a.priority}`)} <PriorityFlag priority={a.priority} />
          </Item>
          <Item label={t('intake.detail.language')}>{i18n.exists(`applicationForm.languages.${a.preferredLanguage}`) ? t(`applicationForm.languages.${a.preferredLanguage}`) : a.preferredLanguage}</Item>
        </DataList>
      </section>
      <div className="naast-grid">
        <FirstContact a={a} call={call} onSaved={onSaved} manage={manage} />
        {a.intake ? <IntakeResult a={a} /> : null}
      </div>
      {!a.intake && manage && a.status === 'contacted' ? <IntakeForm call={call} onSaved={onSaved} /> : null}
      {!a.intake && manage && a.status === 'new' ? <Paragraph>{t('intake.intakeForm.notYet')}</Paragraph> : null}
      <section aria-labelledby="app-people">
        <Heading2 id="app-people">{t('intake.detail.people')}</Heading2>
        {a.people.map((p, i) => (
          <DataList key={i} className="naast-row">
            <Item label={t('intake.detail.name')}>{`${p.firstName} ${p.lastName}`}</Item>
            <Item label={t('intake.detail.relation')}>{t(`applicationForm.relation.${p.relation}`)}</Item>
            <Item label={t('intake.detail.phone')}>{p.phone ?? none}</Item>
            <Item label={t('intake.detail.email')}>{p.email ?? none}</Item>
            <Item label={t('intake.detail.safeContact')}>
              <span className="naast-prewrap">{p.safeContactNote ?? none}</span>
            </Item>
          </DataList>
        ))}
      </section>
      <section aria-labelledby="app-children">
        <Heading2 id="app-children">{t('intake.detail.children')}</Heading2>
        <UnorderedList>
          {a.children.map((c, i) => (
            <UnorderedListItem key={i}>
              {t('intake.detail.childLine', { name: c.firstName, year: c.birthYear })}. {t('intake.detail.measure')}: {t(`applicationForm.measure.${c.measure}`)}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </section>
      <section aria-labelledby="app-institutions">
        <Heading2 id="app-institutions">{t('intake.detail.institutions')}</Heading2>
        {a.institutions.length === 0 ? (
          <Paragraph>{t('intake.detail.noInstitutions')}</Paragraph>
        ) : (
          <UnorderedList>
            {a.institutions.map((x, i) => (
              <UnorderedListItem key={i}>
                {x.name} ({i18n.exists(`applicationForm.institutionKind.${x.kind}`) ? t(`applicationForm.institutionKind.${x.kind}`) : x.kind})
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </section>
      <section aria-labelledby="app-conflict">
        <Heading2 id="app-conflict">{t('intake.detail.conflict')}</Heading2>
        <Paragraph className="naast-prewrap">{a.conflictSummary}</Paragraph>
      </section>
      <section aria-labelledby="app-referrer">
        <Heading2 id="app-referrer">{t('intake.detail.referrer')}</Heading2>
        <DataList>
          <Item label={t('intake.detail.referrerType')}>{t(`intake.referrer.${a.referrerType}`)}</Item>
          {a.referrerType !== 'self' ? (
            <>
              <Item label={t('intake.detail.referrerContact')}>{[a.referrerName, a.referrerOrganisation, a.referrerEmail, a.referrerPhone].filter(Boolean).join(', ') || none}</Item>
              <Item label={t('intake.detail.parentAgreed')}>{a.parentAgreedToReferral ? t('common.yes') : t('common.no')}</Item>
              <Item label={t('intake.detail.mayBeTold')}>{a.referrerMayBeTold ? t('common.yes') : t('common.no')}</Item>
            </>
          ) : null}
          <Item label={t('intake.detail.consent')}>{formatDateTime(a.consentAt)}</Item>
          <Item label={t('intake.detail.privacyVersion')}>{a.privacyStatementVersion}</Item>
        </DataList>
      </section>
      {manage ? <ParentAccount a={a} call={call} onSaved={onSaved} admin={user?.role === 'admin'} /> : null}
    </>
  );
}

/** One application (/aanmeldingen/:id): everything captured, first contact, intake, duplicate, parent account. */
export default function ApplicationDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [reason, setReason] = useState<string | undefined>(undefined);
  const base = `/applications/${encodeURIComponent(id)}`;
  const withReason = (path: string, r = reason) => (r ? `${path}?reason=${encodeURIComponent(r)}` : path);
  const detail = useLoad(() => api<Detail>('GET', base), [id]);
  const call: Call = (method, action, body) => api<Detail>(method, withReason(`${base}/${action}`), body);

  if (detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400)) return <NotFound />;
  const a = detail.data;
  if (!a && detail.error instanceof ApiError && detail.error.code === 'reason_required')
    return (
      <ReasonPage
        key="reason"
        onReason={async (r) => {
          detail.setData(await api<Detail>('GET', withReason(base, r)));
          setReason(r);
        }}
      />
    );
  return (
    <Page key="record" title={a ? t('intake.detail.title', { reference: a.reference }) : t('intake.detail.loadingTitle')}>
      <Paragraph>
        <RouterLink className="utrecht-link" to="/aanmeldingen">
          {t('intake.detail.back')}
        </RouterLink>
      </Paragraph>
      {detail.loading && !a ? <Loading /> : detail.error || !a ? <LoadError error={detail.error} onRetry={detail.reload} /> : <Record a={a} call={call} onSaved={detail.setData} />}
    </Page>
  );
}
