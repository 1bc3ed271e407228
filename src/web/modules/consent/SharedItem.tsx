import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { TSharedItem } from '../../../shared/sharing.js';
import { api, ApiError } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Alert, DataList, DataListItem, DataListKey, DataListValue, Paragraph } from '../../ui/nlds.js';

const day = (iso: string, lang: string) => new Intl.DateTimeFormat(lang.startsWith('en') ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));

/**
 * /gedeeld/:token (public, issue 6): the page a recipient outside the organisation reaches from the
 * mail. What was shared, by which organisation, until when, and a download. The server checks the
 * parent's consent on every open: revoked, expired or unknown shows one clear message, nothing else.
 */
export default function SharedItem() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const item = useLoad(() => api<TSharedItem>('GET', `/shared/${encodeURIComponent(token)}`), [token, i18n.language]);

  if (item.loading && !item.data) return <Loading />;
  if (item.error) {
    const gone = item.error instanceof ApiError && (item.error.status === 410 || item.error.status === 404);
    if (!gone) return <LoadError error={item.error} onRetry={item.reload} />;
    const problem = (item.error as ApiError).problem;
    return (
      <Page title={t('consent.share.gone.title')} narrow>
        <Alert type="warning">
          <Paragraph>
            <strong>{problem?.title}</strong>
          </Paragraph>
          {problem?.detail ? <Paragraph>{problem.detail}</Paragraph> : null}
        </Alert>
        <Paragraph>{t('consent.share.gone.help')}</Paragraph>
      </Page>
    );
  }
  const s = item.data!;
  const lang = i18n.language;
  return (
    <Page title={t('consent.share.landing.title')} narrow>
      <Paragraph>{t('consent.share.landing.intro', { org: s.organisationName })}</Paragraph>
      <DataList>
        <DataListItem>
          <DataListKey>{t('consent.share.landing.what')}</DataListKey>
          <DataListValue>{t(`consent.share.kinds.${s.kind}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('consent.share.landing.by')}</DataListKey>
          <DataListValue>{s.organisationName}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('consent.share.landing.sharedOn')}</DataListKey>
          <DataListValue>{day(s.sharedAt, lang)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('consent.share.landing.until')}</DataListKey>
          <DataListValue>{day(s.expiresAt, lang)}</DataListValue>
        </DataListItem>
      </DataList>
      <p>
        <a className="utrecht-button utrecht-button--primary-action" href={`/api/v1/shared/${encodeURIComponent(token)}/download`} download>
          {t('consent.share.landing.download')}
        </a>
      </p>
      <Paragraph>{t('consent.share.landing.privacy')}</Paragraph>
    </Page>
  );
}
