// A node type's icon: a lucide icon it names in its declaration. Icons load on demand, so a
// custom node type may name any lucide icon without the canvas bundling all of them.
import { memo } from 'react';
import { DynamicIcon, iconNames } from 'lucide-react/dynamic';
import type { IconName } from 'lucide-react/dynamic';
import { nodeType } from '../catalog/registry';

const known = new Set<string>(iconNames);

function NodeIconView({ typeId, size = 16 }: { typeId: string; size?: number }) {
  const name = nodeType(typeId)?.icon;
  // An unknown name (a typo in a package) shows a neutral square rather than nothing.
  const icon = (name && known.has(name) ? name : 'square') as IconName;
  return <DynamicIcon name={icon} size={size} aria-hidden="true" className="node-icon" data-icon={icon} />;
}

export const NodeIcon = memo(NodeIconView);
