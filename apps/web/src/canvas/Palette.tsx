import { useMemo, useState } from 'react';
import type { DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { categoryOrder, getRegistry } from '../catalog/registry';
import { useCanvas } from './store';
import type { AnyNodeType } from '@braid/sdk';
import { nodeLabel } from '../i18n/nodeLabels';
import { localText } from '../i18n/localText';
import { NodeIcon } from './NodeIcon';

export const PALETTE_MIME = 'application/x-braid-node-type';

const categoryNames: Record<string, { vi: string; en: string }> = {
  trigger: { vi: 'Điểm bắt đầu', en: 'Triggers' },
  wait: { vi: 'Chờ', en: 'Waits' },
  condition: { vi: 'Điều kiện', en: 'Conditions' },
  action: { vi: 'Hành động', en: 'Actions' },
  setting: { vi: 'Cài đặt hành trình', en: 'Journey settings' },
};

/** Built from the server's catalogue: a node type a developer installs shows up here with no UI code. */
export function Palette() {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const { screenToFlowPosition } = useReactFlow();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    // Search both languages: a marketer may type "wait" in the Vietnamese UI, or "chờ" in English.
    const matches = (n: AnyNodeType) => [n.id, n.label.vi, n.label.en, n.description.vi, n.description.en].some((s) => s.toLowerCase().includes(q));
    const all = getRegistry().list().filter((n) => !q || matches(n));
    const cats = [...categoryOrder, ...new Set(all.map((n) => n.category).filter((c) => !categoryOrder.includes(c)))];
    return cats.map((c) => ({ category: c, types: all.filter((n) => n.category === c) })).filter((g) => g.types.length > 0);
  }, [query]);

  function onDragStart(e: DragEvent, typeId: string) {
    e.dataTransfer.setData(PALETTE_MIME, typeId);
    e.dataTransfer.effectAllowed = 'move';
  }

  // Keyboard and click users add at the centre of the view.
  function addAtCentre(typeId: string) {
    const el = document.querySelector('.canvas');
    const r = el?.getBoundingClientRect();
    const p = screenToFlowPosition({ x: (r?.left ?? 0) + (r?.width ?? 800) / 2, y: (r?.top ?? 0) + (r?.height ?? 600) / 2 });
    useCanvas.getState().addNode(typeId, { x: p.x - 110, y: p.y - 30 });
  }

  return (
    <aside className="palette" aria-label={t('editor.palette')}>
      <input className="palette-search" placeholder={t('editor.searchNodes')} value={query} onChange={(e) => setQuery(e.target.value)} />
      {groups.map((g) => (
        <div key={g.category} className="palette-group">
          <h3>{categoryNames[g.category]?.[lang] ?? g.category}</h3>
          {g.types.map((n) => (
            <div
              key={n.id}
              className={`palette-item cat-${n.category}`}
              draggable
              role="button"
              tabIndex={0}
              data-testid={`palette-${n.id}`}
              title={localText(n.description)}
              onDragStart={(e) => onDragStart(e, n.id)}
              onDoubleClick={() => addAtCentre(n.id)}
              onKeyDown={(e) => e.key === 'Enter' && addAtCentre(n.id)}
            >
              <NodeIcon typeId={n.id} />
              <span>{nodeLabel(n)}</span>
            </div>
          ))}
        </div>
      ))}
    </aside>
  );
}
