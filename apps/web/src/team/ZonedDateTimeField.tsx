// A moment in the workspace's time zone: the date as day/month/year, the time as 24-hour hour and
// minute pickers, and below them the moment written out in the UI language with its zone, so
// nobody has to guess which 8:00 it is. Empty means "no limit".
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readDayMonthYear, showDayMonthYear } from './dayMonthYear';
import { wallClockToEpoch } from './zonedTime';
import './zonedDateTime.css';

const HOURS = Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0'));
const MINUTES = Array.from({ length: 12 }, (_, i) => String(i * 5).padStart(2, '0'));

type Props = {
  label: string;
  /** Wall clock in the zone, "2026-03-01T08:00", or '' for none. */
  value: string;
  /** `valid` is false while the date typed cannot be read (the dialog will not save it). */
  onChange: (value: string, valid: boolean) => void;
  timeZone: string;
  testId: string;
  /** A problem the dialog found with the value (e.g. ends before it starts). */
  problem?: string | null;
};

export function ZonedDateTimeField({ label, value, onChange, timeZone, testId, problem }: Props) {
  const { t, i18n } = useTranslation();
  const [dateText, setDateText] = useState(showDayMonthYear(value));
  const [hour, setHour] = useState(value ? value.slice(11, 13) : '00');
  const [minute, setMinute] = useState(value ? value.slice(14, 16) : '00');
  const read = dateText.trim() ? readDayMonthYear(dateText) : null;

  function emit(text: string, h: string, m: string) {
    if (!text.trim()) return onChange('', true);
    const r = readDayMonthYear(text);
    onChange(r.ok ? `${r.date}T${h}:${m}` : value, r.ok);
  }

  const epoch = value ? wallClockToEpoch(value, timeZone) : null;
  const spelled = epoch === null ? null : new Intl.DateTimeFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'full', timeStyle: 'short', hourCycle: 'h23', timeZone }).format(epoch);
  const minutes = MINUTES.includes(minute) ? MINUTES : [...MINUTES, minute].sort();

  return (
    <fieldset className="zoned-date-time" data-testid={testId}>
      <legend>{label}</legend>
      <div className="row">
        <input
          aria-label={`${label}: ${t('testRunText.dateTime.date')}`}
          placeholder={t('testRunText.dateTime.datePlaceholder')}
          inputMode="numeric"
          size={10}
          data-testid={`${testId}-date`}
          value={dateText}
          onChange={(e) => {
            setDateText(e.target.value);
            emit(e.target.value, hour, minute);
          }}
        />
        <select aria-label={`${label}: ${t('editorText.hour')}`} data-testid={`${testId}-hour`} disabled={!read?.ok} value={hour} onChange={(e) => { setHour(e.target.value); emit(dateText, e.target.value, minute); }}>
          {HOURS.map((h) => <option key={h} value={h}>{h}</option>)}
        </select>
        <span>:</span>
        <select aria-label={`${label}: ${t('editorText.minute')}`} data-testid={`${testId}-minute`} disabled={!read?.ok} value={minute} onChange={(e) => { setMinute(e.target.value); emit(dateText, hour, e.target.value); }}>
          {minutes.map((m) => <option key={m} value={m}>{m}</option>)}
        </select>
        {dateText && <button className="link" data-testid={`${testId}-clear`} onClick={() => { setDateText(''); onChange('', true); }}>{t('testRunText.dateTime.clear')}</button>}
      </div>
      {read && !read.ok && <small className="error" role="alert" data-testid={`${testId}-error`}>{t(`testRunText.dateTime.${read.code}`)}</small>}
      {read?.ok && problem && <small className="error" role="alert" data-testid={`${testId}-error`}>{problem}</small>}
      {read?.ok && spelled && <small className="muted" data-testid={`${testId}-spelled`}>{spelled} {t('testRunText.dateTime.inZone', { zone: timeZone })}</small>}
    </fieldset>
  );
}
