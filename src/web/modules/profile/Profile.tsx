import { useTranslation } from 'react-i18next';
import { Page } from '../../shell/Page.js';
import { Paragraph } from '../../ui/nlds.js';

export default function Profile() {
  const { t } = useTranslation();
  return (
    <Page title={t('app.name')}>
      <Paragraph>{t('common.loading')}</Paragraph>
    </Page>
  );
}
