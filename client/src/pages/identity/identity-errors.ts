import { alert } from '../../components/alerts.ts';
import { t } from '../../i18n/i18n.ts';

const ERRORS = ['state', 'failed', 'claims', 'not_allowed'] as const;

/** The message for an `identity_error` the server's callback put in the address (or nothing). */
export function identityErrorText(code: string | null, id: string, minLoa: string | null = null) {
  if (!code) return '';
  if (code === 'loa_too_low')
    return alert('error', t('identity.error.loa_too_low', { level: loaText(minLoa ?? 'substantial') }), { id });
  const known = (ERRORS as readonly string[]).includes(code) ? (code as (typeof ERRORS)[number]) : 'failed';
  return alert('error', t(`identity.error.${known}`), { id });
}

export const loaText = (loa: string): string =>
  loa === 'low' ? t('identity.loa.low') : loa === 'high' ? t('identity.loa.high') : t('identity.loa.substantial');
