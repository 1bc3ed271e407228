import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TContact, TTrajectoryDossier } from '../../../shared/trajectories.js';
import { api } from '../../api.js';
import { useSession } from '../../session.js';
import { LoadMore, useAction, ActionFeedback } from '../../ui/data.js';
import { Button, Paragraph } from '../../ui/nlds.js';
import { GlossaryText } from '../glossary/GlossaryText.js';
import { formatDate } from '../intake/labels.js';
import { ContactForm } from './ContactForm.js';
import { endpoints } from './endpoints.js';
import { hoursText, kindName } from './labels.js';

type Page = TTrajectoryDossier['contacts'];

/** One contact in the timeline, with edit and delete for its author while the trajectory is open. */
function ContactItem({
  c,
  trajectoryId,
  reason,
  mine,
  onChanged,
  defaultTimeOf,
}: {
  c: TContact;
  trajectoryId: string;
  reason?: string;
  mine: boolean;
  onChanged: () => void;
  defaultTimeOf: 'volunteer' | 'professional';
}) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const headingId = `contact-${c.id}`;
  const parts = [
    c.volunteerMinutes > 0 ? t('contacts.timeline.volunteerPart', { hours: hoursText(t, i18n.language, c.volunteerMinutes) }) : null,
    c.professionalMinutes > 0 ? t('contacts.timeline.professionalPart', { hours: hoursText(t, i18n.language, c.professionalMinutes) }) : null,
  ].filter(Boolean);
  return (
    <li className="naast-timeline__item" aria-labelledby={headingId}>
      <h3 id={headingId} className="utrecht-heading-3 naast-timeline__title">
        {kindName(t, c.kind)} <span className="naast-timeline__date">{formatDate(c.occurredOn, i18n.language)}</span>
      </h3>
      <Paragraph>
        {parts.join(', ')} · {t('contacts.timeline.by', { name: c.createdBy.name })}
      </Paragraph>
      {c.participants.length ? <Paragraph>{t('contacts.timeline.participants', { names: c.participants.join(', ') })}</Paragraph> : null}
      {c.note ? (
        <Paragraph className="naast-timeline__note">
          <GlossaryText text={c.note} />
        </Paragraph>
      ) : null}
      <ActionFeedback action={action} />
      {mine && editing ? (
        <ContactForm
          trajectoryId={trajectoryId}
          reason={reason}
          contact={c}
          defaultTimeOf={defaultTimeOf}
          autoFocus
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : mine ? (
        <div className="naast-row-actions">
          {confirming ? (
            <>
              <Paragraph>{t('contacts.timeline.confirmDelete')}</Paragraph>
              <Button
                appearance="primary-action-button"
                busy={action.isBusy('delete')}
                onClick={() =>
                  void action.run(async () => {
                    await api('DELETE', endpoints.contact(trajectoryId, c.id, reason));
                    onChanged();
                  }, 'delete')
                }
              >
                {t('contacts.timeline.yesDelete')}
              </Button>
              <Button appearance="secondary-action-button" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </>
          ) : (
            <>
              <Button appearance="secondary-action-button" onClick={() => setEditing(true)}>
                {t('contacts.timeline.edit')}
                <span className="naast-visually-hidden"> {t('contacts.timeline.whichContact', { kind: kindName(t, c.kind), date: formatDate(c.occurredOn, i18n.language) })}</span>
              </Button>
              <Button appearance="subtle-button" onClick={() => setConfirming(true)}>
                {t('contacts.timeline.delete')}
                <span className="naast-visually-hidden"> {t('contacts.timeline.whichContact', { kind: kindName(t, c.kind), date: formatDate(c.occurredOn, i18n.language) })}</span>
              </Button>
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}

/**
 * The contacts (tijdlijn), newest first: the dossier's first page, then "load more" with the cursor.
 * A new first page (after a save) starts the list again.
 */
export function Timeline({
  trajectoryId,
  first,
  reason,
  canWrite,
  onChanged,
  defaultTimeOf,
}: {
  trajectoryId: string;
  first: Page;
  reason?: string;
  canWrite: boolean;
  onChanged: () => void;
  defaultTimeOf: 'volunteer' | 'professional';
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [items, setItems] = useState<TContact[]>(first.items);
  const [next, setNext] = useState<string | null>(first.nextCursor);
  const more = useAction();
  useEffect(() => {
    setItems(first.items);
    setNext(first.nextCursor);
  }, [first]);
  if (items.length === 0) return <Paragraph>{t('contacts.timeline.none')}</Paragraph>;
  return (
    <>
      <ol className="naast-timeline">
        {items.map((c) => (
          <ContactItem key={c.id} c={c} trajectoryId={trajectoryId} reason={reason} mine={canWrite && c.createdBy.id === user?.id} onChanged={onChanged} defaultTimeOf={defaultTimeOf} />
        ))}
      </ol>
      {more.error ? <ActionFeedback action={more} /> : null}
      <LoadMore
        hasMore={!!next}
        busy={more.isBusy()}
        shown={items.length}
        onClick={() =>
          void more.run(async () => {
            if (!next) return;
            const page = await api<Page>('GET', endpoints.contacts(trajectoryId, reason, next));
            setItems((xs) => [...xs, ...page.items.filter((c) => !xs.some((x) => x.id === c.id))]);
            setNext(page.nextCursor);
          })
        }
      />
    </>
  );
}
