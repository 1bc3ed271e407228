import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { TConsent } from '../../../shared/consent.js';
import { SHARE_CATEGORY, SHARE_LINK_DAYS, type TShare, type TShareItemKind } from '../../../shared/sharing.js';
import { api } from '../../api.js';
import { can } from '../../permissions.js';
import { useSession } from '../../session.js';
import { Loading } from '../../shell/Page.js';
import { useLoad } from '../../ui/data.js';
import { RadioField } from '../../ui/fields.js';
import { ErrorSummary, LoadError, useForm } from '../../ui/form.js';
import { Button, Paragraph } from '../../ui/nlds.js';
import { consentEndpoints, consentSentence, recipientLabel } from './ConsentParts.js';

type Props = {
  trajectoryId: string;
  /** What to share: a report or letter by id, or the trajectory's plan. */
  item: { kind: TShareItemKind; id?: string };
  /** Break-the-glass reason of the page, if any. */
  reason?: string;
};

const ZChoice = z.object({ consentId: z.string().min(1) });
const q = (reason?: string) => (reason ? `?${new URLSearchParams({ reason }).toString()}` : '');

/**
 * "Delen buiten de organisatie" (issue 6): choose one of the parent's active consents that covers
 * this kind of data; the server's gate checks it again and mails the recipient a link (no content).
 * Without such a consent it explains that the parent first has to give one, and how. Hidden for
 * whoever lacks sharing.share.
 */
export function ShareButton(props: Props) {
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  const { t } = useTranslation();
  if (!can(user?.role, 'sharing.share')) return null;
  const headingId = `share-${props.item.kind}-${props.item.id ?? 'plan'}`;
  return (
    <section className="naast-share" aria-labelledby={headingId}>
      <h3 id={headingId} className="utrecht-heading-3">
        {t('consent.share.title')}
      </h3>
      {open ? (
        <SharePanel {...props} onClose={() => setOpen(false)} />
      ) : (
        <Button type="button" appearance="secondary-action-button" onClick={() => setOpen(true)} aria-expanded={false}>
          {t('consent.share.open')}
        </Button>
      )}
    </section>
  );
}

function SharePanel({ trajectoryId, item, reason, onClose }: Props & { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const category = SHARE_CATEGORY[item.kind];
  const [version, setVersion] = useState(0);
  const consents = useLoad(() => api<{ items: TConsent[] }>('GET', consentEndpoints.consents(trajectoryId, reason)), [trajectoryId, reason, version]);
  const form = useForm(ZChoice, { consentId: '' }, async ({ consentId }) => {
    const shared = await api<TShare>('POST', `/trajectories/${encodeURIComponent(trajectoryId)}/shares${q(reason)}`, { consentId, item });
    form.reset({ consentId: '' });
    setVersion((v) => v + 1);
    return t('consent.share.done', { who: recipientLabel(t, shared.recipient), days: SHARE_LINK_DAYS });
  });

  if (consents.loading && !consents.data) return <Loading />;
  if (consents.error) return <LoadError error={consents.error} onRetry={consents.reload} />;
  const usable = (consents.data?.items ?? []).filter((c) => c.status === 'active' && c.categories.includes(category));

  return (
    <>
      <div className="naast-feedback" role="status" aria-live="polite">
        {form.notice ? <p className="naast-done">{form.notice}</p> : null}
      </div>
      {usable.length === 0 ? (
        <>
          <Paragraph>{t('consent.share.none', { what: t(`consent.categories.${category}`) })}</Paragraph>
          <Paragraph>{t('consent.share.noneHow')}</Paragraph>
          <Button type="button" appearance="subtle-button" onClick={onClose}>
            {t('consent.share.close')}
          </Button>
        </>
      ) : (
        <form noValidate onSubmit={form.onSubmit} aria-label={t('consent.share.title')}>
          <ErrorSummary form={form} />
          <Paragraph>{t('consent.share.explain', { days: SHARE_LINK_DAYS })}</Paragraph>
          <RadioField
            form={form}
            name="consentId"
            label={t('consent.share.choose')}
            options={usable.map((c) => ({ value: c.id, label: recipientLabel(t, c.recipient), hint: consentSentence(t, i18n.language, c) }))}
          />
          <div className="naast-actions">
            <Button type="submit" appearance="primary-action-button" busy={form.busy}>
              {t('consent.share.submit')}
            </Button>
            <Button type="button" appearance="subtle-button" onClick={onClose}>
              {t('consent.share.close')}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
