import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ZChangePasswordRequest, ZUpdateProfileRequest, type TActivityItem } from '../../../shared/auth.js';
import { api } from '../../api.js';
import { formatDateTime, switchLanguage } from '../../i18n.js';
import { mfaOptional } from '../../permissions.js';
import { useSession } from '../../session.js';
import { Page } from '../../shell/Page.js';
import { ActionFeedback, Notice, useAction, usePagedList } from '../../ui/data.js';
import { ErrorSummary, SelectField, TextField, useForm } from '../../ui/form.js';
import { Alert, Button, Heading2, Paragraph } from '../../ui/nlds.js';
import { PagedTable } from '../../ui/table.js';
import { EnrolFlow } from '../auth/EnrolFlow.js';
import { RecoveryCodes } from '../auth/RecoveryCodes.js';

function Details() {
  const { t } = useTranslation();
  const { user, refresh } = useSession();
  const form = useForm(ZUpdateProfileRequest, { displayName: user?.displayName ?? '', language: user?.language ?? 'nl' }, async (data) => {
    await api('PATCH', '/me', data);
    if (data.language) await switchLanguage(data.language);
    await refresh();
    return t('common.saved');
  });
  return (
    <section aria-labelledby="profile-details">
      <Heading2 id="profile-details">{t('profile.details')}</Heading2>
      <Notice>{form.notice}</Notice>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <TextField form={form} name="displayName" label={t('fields.displayName')} autoComplete="name" maxLength={120} />
        <SelectField
          form={form}
          name="language"
          label={t('fields.language')}
          options={[
            { value: 'nl', label: t('language.nl') },
            { value: 'en', label: t('language.en') },
          ]}
        />
        <Paragraph>
          {t('fields.email')}: {user?.email}
        </Paragraph>
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('common.save')}
        </Button>
      </form>
    </section>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const form = useForm(ZChangePasswordRequest, { currentPassword: '', newPassword: '' }, async (data) => {
    await api('POST', '/me/password', data);
    form.reset({ currentPassword: '', newPassword: '' });
    return t('profile.passwordChanged');
  });
  return (
    <section aria-labelledby="profile-password">
      <Heading2 id="profile-password">{t('profile.password')}</Heading2>
      <Notice>{form.notice}</Notice>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <TextField form={form} name="currentPassword" type="password" label={t('fields.currentPassword')} autoComplete="current-password" />
        <TextField form={form} name="newPassword" type="password" label={t('fields.newPassword')} description={t('password.hint')} autoComplete="new-password" />
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('profile.changePassword')}
        </Button>
      </form>
    </section>
  );
}

function TwoFactor() {
  const { t } = useTranslation();
  const { user, refresh } = useSession();
  const [mode, setMode] = useState<'idle' | 'enrol' | 'confirmOff'>('idle');
  const [codes, setCodes] = useState<string[] | null>(null);
  const action = useAction();
  if (!user) return null;

  const busy = action.isBusy();
  const newCodes = () =>
    action.run(async () => {
      const res = await api<{ recoveryCodes: string[] }>('POST', '/me/recovery-codes');
      setCodes(res.recoveryCodes);
    });
  const turnOff = () =>
    action.run(async () => {
      await api('DELETE', '/me/mfa');
      await refresh();
      setMode('idle');
      return t('profile.mfaOff');
    });

  return (
    <section aria-labelledby="profile-mfa">
      <Heading2 id="profile-mfa">{t('profile.mfa')}</Heading2>
      <ActionFeedback action={action} />
      {codes ? (
        <RecoveryCodes codes={codes} headingLevel={3} onDone={() => setCodes(null)} />
      ) : mode === 'enrol' ? (
        <EnrolFlow
          onCancel={() => setMode('idle')}
          onDone={() => {
            setMode('idle');
            action.setNotice(t('profile.mfaOn'));
            void refresh();
          }}
        />
      ) : user.mfaEnrolled ? (
        <>
          <Paragraph>{t('profile.mfaEnrolled')}</Paragraph>
          <div className="naast-actions">
            <Button appearance="secondary-action-button" busy={busy} onClick={() => void newCodes()}>
              {t('profile.newCodes')}
            </Button>
            {mfaOptional(user.role) && mode !== 'confirmOff' ? (
              <Button appearance="secondary-action-button" hint="danger" onClick={() => setMode('confirmOff')}>
                {t('profile.turnOff')}
              </Button>
            ) : null}
          </div>
          {mode === 'confirmOff' ? (
            <Alert type="warning">
              <Paragraph>{t('profile.turnOffConfirm')}</Paragraph>
              <div className="naast-actions">
                <Button appearance="primary-action-button" hint="danger" busy={busy} onClick={() => void turnOff()}>
                  {t('profile.turnOffYes')}
                </Button>
                <Button appearance="secondary-action-button" onClick={() => setMode('idle')}>
                  {t('common.cancel')}
                </Button>
              </div>
            </Alert>
          ) : null}
          {!mfaOptional(user.role) ? <Paragraph>{t('profile.mfaRequired')}</Paragraph> : null}
        </>
      ) : (
        <>
          <Paragraph>{t('profile.mfaNotEnrolled')}</Paragraph>
          <Button appearance="primary-action-button" onClick={() => setMode('enrol')}>
            {t('profile.turnOn')}
          </Button>
        </>
      )}
    </section>
  );
}

function SignOutEverywhere() {
  const { t } = useTranslation();
  const { signedOut } = useSession();
  const navigate = useNavigate();
  const action = useAction();
  const busy = action.isBusy();
  const go = (keepThisSession: boolean) =>
    action.run(async () => {
      await api('POST', '/auth/logout-everywhere', { keepThisSession });
      if (keepThisSession) return t('profile.otherSessionsEnded');
      signedOut('signed_out');
      await navigate('/sign-in', { replace: true });
    });
  return (
    <section aria-labelledby="profile-sessions">
      <Heading2 id="profile-sessions">{t('profile.sessions')}</Heading2>
      <Paragraph>{t('profile.sessionsIntro')}</Paragraph>
      <ActionFeedback action={action} />
      <div className="naast-actions">
        <Button appearance="secondary-action-button" busy={busy} onClick={() => void go(true)}>
          {t('profile.signOutOthers')}
        </Button>
        <Button appearance="secondary-action-button" busy={busy} onClick={() => void go(false)}>
          {t('profile.signOutEverywhere')}
        </Button>
      </div>
    </section>
  );
}

function Activity() {
  const { t } = useTranslation();
  const list = usePagedList<TActivityItem>('/me/activity', { limit: '20' });
  const who = (a: TActivityItem) =>
    a.byMe ? t('activity.you') : a.actorName ? `${a.actorName}${a.actorRole ? ` (${t(`roles.${a.actorRole}`, { defaultValue: a.actorRole })})` : ''}` : t('activity.nobody');
  return (
    <section aria-labelledby="profile-activity">
      <Heading2 id="profile-activity">{t('profile.activity')}</Heading2>
      <Paragraph>{t('profile.activityIntro')}</Paragraph>
      <PagedTable
        list={list}
        empty={t('profile.activityEmpty')}
        caption={t('profile.activity')}
        labelledBy="profile-activity"
        rowKey={(a) => a.id}
        columns={[
          { header: t('activity.when'), cell: (a) => formatDateTime(a.occurredAt) },
          { header: t('activity.who'), cell: who },
          { header: t('activity.what'), cell: (a) => `${t(`actions.${a.action}`, { defaultValue: a.action })}: ${t(`resources.${a.resourceType}`, { defaultValue: a.resourceType })}` },
        ]}
      />
    </section>
  );
}

export default function Profile() {
  const { t } = useTranslation();
  return (
    <Page title={t('profile.title')}>
      <div className="naast-grid">
        <div className="naast-card">
          <Details />
        </div>
        <div className="naast-card">
          <ChangePassword />
        </div>
      </div>
      <div className="naast-card">
        <TwoFactor />
      </div>
      <div className="naast-card">
        <SignOutEverywhere />
      </div>
      <Activity />
    </Page>
  );
}
