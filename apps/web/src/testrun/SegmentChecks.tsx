// The segments the journey checks, each a box: is the test customer a member?
import { useEffect, useState } from 'react';
import { segmentsApi } from '../segments/api';

export function SegmentChecks({ ids, chosen, onChange }: { ids: readonly string[]; chosen: readonly string[]; onChange: (ids: string[]) => void }) {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    segmentsApi.list().then(
      (list) => live && setNames(Object.fromEntries(list.map((s) => [s.id, s.name]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <div className="rows" data-testid="sim-segments">
      {ids.map((id) => (
        <label key={id} className="row">
          <input type="checkbox" checked={chosen.includes(id)} onChange={(e) => onChange(e.target.checked ? [...chosen, id] : chosen.filter((x) => x !== id))} />
          {names[id] ?? id}
        </label>
      ))}
    </div>
  );
}
