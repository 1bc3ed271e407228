import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CORRECTION_TEXT_MAX, NOTE_MAX, REQUEST_TEXT_MAX, ZCorrectionCreate, ZPrivacyRequestCreate, type TAccessLogItem, type TRequestItem } from '../../../shared/privacy.js';
import { api } from '../../api.js';
import { Page } from '../../shell/Page.js';
import { Empty, LoadMore, Notice, useLoad, usePagedList } from '../../ui/data.js';
import { ErrorSummary, LoadError, SelectField, TextAreaField, useForm } from '../../ui/form.js';
import { RadioField } from '../../ui/fields.js';
import { Button, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '../../ui/nlds.js';
import { flatSchema, text, type Flat } from '../intake/nested.js';
import { formatDateTime, RequestStatus } from './parts.js';
import './privacy.css';

/** One line of the access log in plain words: who, from which organisation, did what, when. */
function AccessLine({ e }: { e: TAccessLogItem }) {
  const { t, i18n } = useTranslation();
  const who = e.actor || t(`privacy.role.${e.role ?? 'system'}`, { defaultValue: t('privacy.role.system') });
  const what = t(`privacy.action.${e.action}`, { defaultValue: t('privacy.action.other') });
  // Sharing is audited on the consent it used: say what happened (something was shared with the parent's consent), not "a consent was shared".
  const item =
    e.action === 'share' && e.resourceType === 'consent' ? t('privacy.resource.sharedWithConsent') : t(`privacy.resource.${e.resourceType}`, { defaultValue: t('privacy.resource.other') });
  return (
    <UnorderedListItem>
      <strong>{formatDateTime(e.at, i18n.language)}</strong>
      <br />
      {t('privacy.accessLine', { who, role: e.role ? t(`privacy.role.${e.role}`, { defaultValue: '' }) : '', organisation: e.organisation, what, item })}
    </UnorderedListItem>
  );
}

function AccessLog({ self }: { self: boolean }) {
  const { t } = useTranslation();
  const list = usePagedList<TAccessLogItem>('/me/access-log', { self: self ? 'true' : 'false' });
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  if (list.loading) return <Paragraph>{t('common.loading')}</Paragraph>;
  if (!list.items.length) return <Empty title={self ? t('privacy.selfEmpty') : t('privacy.accessEmpty')}>{null}</Empty>;
  return (
    <>
      <UnorderedList className="naast-privacy-log">
        {list.items.map((e) => (
          <AccessLine key={e.id} e={e} />
        ))}
      </UnorderedList>
      <LoadMore hasMore={list.hasMore} busy={list.loadingMore} onClick={list.loadMore} shown={list.items.length} />
    </>
  );
}

function Downloads() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="privacy-download" className="naast-card">
      <Heading2 id="privacy-download">{t('privacy.downloadTitle')}</Heading2>
      <Paragraph>{t('privacy.downloadIntro')}</Paragraph>
      <div className="naast-privacy-downloads">
        <a className="utrecht-button utrecht-button--primary-action naast-privacy-download" href="/api/v1/me/data-export.pdf" download>
          {t('privacy.downloadPdf')}
        </a>
        <a className="utrecht-button utrecht-button--secondary-action naast-privacy-download" href="/api/v1/me/data-export.json" download>
          {t('privacy.downloadJson')}
        </a>
        <a className="utrecht-button utrecht-button--secondary-action naast-privacy-download" href="/api/v1/me/data-export.zip" download>
          {t('privacy.downloadZip')}
        </a>
      </div>
    </section>
  );
}

function CorrectionForm({ onSent }: { onSent: () => void }) {
  const { t } = useTranslation();
  const items = useLoad(() => api<{ items: Array<{ kind: string; id: string; text: string }> }>('GET', '/me/corrections/items'), []);
  const schema = flatSchema(ZCorrectionCreate, (v: Flat) => {
    const [itemKind, itemId] = String(v.item ?? ':').split(':');
    return { itemKind: itemKind || undefined, itemId: itemId || undefined, requestedText: text(v.requestedText), explanation: text(v.explanation) };
  });
  const form = useForm(schema, { item: '', requestedText: '', explanation: '' } as Flat, async (data) => {
    await api('POST', '/me/corrections', data);
    form.reset({ item: '', requestedText: '', explanation: '' });
    onSent();
    return t('privacy.correctionSent');
  });
  const short = (s: string) => (s.length > 70 ? `${s.slice(0, 70)}…` : s);
  return (
    <section aria-labelledby="privacy-correct" className="naast-card">
      <Heading2 id="privacy-correct">{t('privacy.correctTitle')}</Heading2>
      <Paragraph>{t('privacy.correctIntro')}</Paragraph>
      {items.error ? <LoadError error={items.error} onRetry={items.reload} /> : null}
      {items.data && !items.data.items.length ? <Paragraph>{t('privacy.correctNothing')}</Paragraph> : null}
      {items.data?.items.length ? (
        <>
          <Notice>{form.notice}</Notice>
          <form noValidate onSubmit={form.onSubmit}>
            <ErrorSummary form={form} />
            <SelectField
              form={form}
              name="item"
              label={t('privacy.correctItem')}
              placeholder={t('privacy.correctChoose')}
              options={items.data.items.map((i) => ({ value: `${i.kind}:${i.id}`, label: `${t(`privacy.item.${i.kind}`)}: ${short(i.text)}` }))}
            />
            <TextAreaField form={form} name="requestedText" label={t('privacy.correctText')} description={t('privacy.correctTextHint', { max: CORRECTION_TEXT_MAX })} maxLength={CORRECTION_TEXT_MAX} />
            <TextAreaField form={form} name="explanation" label={t('privacy.correctWhy')} description={t('privacy.optional')} maxLength={NOTE_MAX} rows={3} />
            <Button type="submit" appearance="primary-action-button" busy={form.busy}>
              {t('privacy.correctSend')}
            </Button>
          </form>
        </>
      ) : null}
    </section>
  );
}

function RequestForm({ onSent }: { onSent: () => void }) {
  const { t } = useTranslation();
  const schema = flatSchema(ZPrivacyRequestCreate, (v: Flat) => ({ kind: v.kind || undefined, text: text(v.text) }));
  const form = useForm(schema, { kind: '', text: '' } as Flat, async (data: z.infer<typeof ZPrivacyRequestCreate>) => {
    await api('POST', '/me/privacy-requests', data);
    onSent();
    return t('privacy.requestSent');
  });
  return (
    <section aria-labelledby="privacy-request" className="naast-card">
      <Heading2 id="privacy-request">{t('privacy.requestTitle')}</Heading2>
      <Paragraph>{t('privacy.requestIntro')}</Paragraph>
      <Notice>{form.notice}</Notice>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <RadioField
          form={form}
          name="kind"
          label={t('privacy.requestKind')}
          options={[
            { value: 'objection', label: t('privacy.kind.objection'), hint: t('privacy.kindHint.objection') },
            { value: 'erasure', label: t('privacy.kind.erasure'), hint: t('privacy.kindHint.erasure') },
          ]}
        />
        <TextAreaField form={form} name="text" label={t('privacy.requestText')} maxLength={REQUEST_TEXT_MAX} />
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('privacy.requestSend')}
        </Button>
      </form>
    </section>
  );
}

function MyRequests({ version }: { version: number }) {
  const { t, i18n } = useTranslation();
  const list = useLoad(() => api<{ items: TRequestItem[] }>('GET', '/me/privacy-requests'), [version]);
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  if (!list.data) return null;
  return (
    <section aria-labelledby="privacy-mine" className="naast-card">
      <Heading2 id="privacy-mine">{t('privacy.mineTitle')}</Heading2>
      {!list.data.items.length ? (
        <Paragraph>{t('privacy.mineEmpty')}</Paragraph>
      ) : (
        <UnorderedList className="naast-privacy-log">
          {list.data.items.map((r) => (
            <UnorderedListItem key={r.id}>
              <strong>{t(`privacy.type.${r.type}`)}</strong> · {formatDateTime(r.createdAt, i18n.language)} · <RequestStatus status={r.status} />
              <br />
              {r.requestedText}
              {r.decisionNote ? (
                <>
                  <br />
                  <em>{t('privacy.answer')}</em> {r.decisionNote}
                </>
              ) : null}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
    </section>
  );
}

/** /mijn-privacy: who looked at my dossier, download my data, ask for a correction, objection or erasure (issue 6). */
export default function MyPrivacy() {
  const { t } = useTranslation();
  const [self, setSelf] = useState(false);
  const [version, setVersion] = useState(0);
  const sent = () => setVersion((v) => v + 1);
  return (
    <Page title={t('privacy.title')} narrow>
      <Paragraph>{t('privacy.intro')}</Paragraph>
      <section aria-labelledby="privacy-log" className="naast-card">
        <Heading2 id="privacy-log">{self ? t('privacy.selfTitle') : t('privacy.accessTitle')}</Heading2>
        <Paragraph>{self ? t('privacy.selfIntro') : t('privacy.accessIntro')}</Paragraph>
        <Button appearance="secondary-action-button" onClick={() => setSelf((s) => !s)}>
          {self ? t('privacy.showOthers') : t('privacy.showSelf')}
        </Button>
        <AccessLog key={String(self)} self={self} />
      </section>
      <Downloads />
      <CorrectionForm onSent={sent} />
      <RequestForm onSent={sent} />
      <MyRequests version={version} />
    </Page>
  );
}
