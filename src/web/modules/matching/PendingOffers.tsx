import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { TMyMatches } from '../../../shared/matching.js';
import { api } from '../../api.js';
import { useLoad } from '../../ui/data.js';
import { Alert, Paragraph } from '../../ui/nlds.js';
import { endpoints } from './endpoints.js';

/** On the volunteer's home page: a pointer to offers waiting for an answer (nothing when there are none). */
export function PendingOffersNotice() {
  const { t } = useTranslation();
  const data = useLoad(() => api<TMyMatches>('GET', endpoints.myMatches()), []);
  const n = data.data?.items.filter((m) => m.status === 'pending').length ?? 0;
  if (n === 0) return null;
  return (
    <Alert type="info">
      <Paragraph>
        <strong>{t(n === 1 ? 'offers.homeOne' : 'offers.homeMany', { count: n })}</strong>{' '}
        <RouterLink className="utrecht-link" to="/mijn-koppelingen">
          {t('offers.homeLink')}
        </RouterLink>
      </Paragraph>
    </Alert>
  );
}
