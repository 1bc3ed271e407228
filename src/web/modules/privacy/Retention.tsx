import { useTranslation } from 'react-i18next';
import { Page } from '../../shell/Page.js';
import { Paragraph } from '../../ui/nlds.js';

/** Issue 6 screen, being built: replaced by its real page. */
export default function Retention() {
  const { t } = useTranslation();
  return (
    <Page title={t('nav.home')}>
      <Paragraph>…</Paragraph>
    </Page>
  );
}
