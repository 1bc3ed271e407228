import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Heading1, Paragraph } from '../ui/nlds.js';

function Fallback({ chunk }: { chunk: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t('errors.page.title')}</Heading1>
      <Alert type="error">
        <Paragraph>{t(chunk ? 'errors.page.updated' : 'errors.page.detail')}</Paragraph>
      </Alert>
      <Button appearance="primary-action-button" onClick={() => window.location.reload()}>
        {t('errors.page.reload')}
      </Button>
    </>
  );
}

/**
 * Never a blank screen: a screen that fails to render (or whose code cannot be loaded, e.g. after an
 * update while the tab was open) shows a friendly message with a reload button. The error itself is
 * not shown: it could contain data.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; key: string }> {
  override state: { error: Error | null; key: string } = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    // Navigating elsewhere gives the next screen a fresh chance.
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    void info;
    console.error('Naast: a screen failed to render', error.name);
  }

  override render() {
    if (this.state.error) return <Fallback chunk={/dynamically imported module|Failed to fetch|Importing a module/i.test(this.state.error.message)} />;
    return this.props.children;
  }
}
