// An event name picked from what the workspace has seen (most frequent first, with volume);
// a name not seen yet can still be typed, and the field says so.
import { localText } from '../../i18n/localText';
import { asString } from './basic';
import type { WidgetProps } from './types';
import { useEventCatalogue } from './eventCatalogue';

const notSeen = { vi: 'Chưa thấy sự kiện này: hành trình chỉ chạy khi sự kiện được gửi tới Braid', en: 'Not seen yet: the journey only runs once this event is sent to Braid' };
const seenTimes = (n: number) => ({ vi: `đã thấy ${n.toLocaleString('vi-VN')} lần`, en: `seen ${n.toLocaleString('en-US')} times` });

export function EventNameWidget({ name, value, onChange, hint, disabled }: WidgetProps) {
  const catalogue = useEventCatalogue();
  const text = asString(value);
  const listId = `events-${name}`;
  const known = catalogue?.events.find((e) => e.name === text.trim());
  return (
    <span className="rows">
      <input
        id={name}
        data-testid={`field-${name}`}
        type="text"
        list={listId}
        value={text}
        placeholder={hint.placeholder ? localText(hint.placeholder) : undefined}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={listId}>
        {catalogue?.events.map((e) => (
          <option key={e.name} value={e.name}>
            {localText(seenTimes(e.total))}
          </option>
        ))}
      </datalist>
      {catalogue && text.trim() !== '' && !known && (
        <span className="muted" data-testid={`field-${name}-not-seen`}>
          {localText(notSeen)}
        </span>
      )}
    </span>
  );
}
