import { useTranslation } from 'react-i18next';
import { Button, Heading2, Paragraph } from '../../ui/nlds.js';

/** The ten one-time recovery codes, shown once, with a download and an "I saved them" button. */
export function RecoveryCodes({ codes, onDone, headingLevel = 2 }: { codes: string[]; onDone: () => void; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const download = () => {
    const blob = new Blob([`${t('recovery.fileHeader')}\n\n${codes.join('\n')}\n`], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'naast-herstelcodes.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const Heading = headingLevel === 2 ? Heading2 : 'h3';
  return (
    <section aria-labelledby="recovery-codes-heading">
      <Heading id="recovery-codes-heading" className={headingLevel === 3 ? 'utrecht-heading-3' : undefined}>
        {t('recovery.title')}
      </Heading>
      <Paragraph>{t('recovery.intro')}</Paragraph>
      <ul className="naast-codes" aria-label={t('recovery.listLabel')}>
        {codes.map((c) => (
          <li key={c}>
            <code className="naast-code">{c}</code>
          </li>
        ))}
      </ul>
      <div className="naast-actions">
        <Button appearance="secondary-action-button" onClick={download}>
          {t('recovery.download')}
        </Button>
        <Button appearance="primary-action-button" onClick={onDone}>
          {t('recovery.saved')}
        </Button>
      </div>
    </section>
  );
}
