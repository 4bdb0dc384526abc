import { useTranslation } from 'react-i18next';

export function TestRunPanel({ journeyId: _journeyId }: { journeyId: string }) {
  const { t } = useTranslation();
  return <p className="muted">{t('testRun.unavailable')}</p>;
}
