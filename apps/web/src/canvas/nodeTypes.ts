import type { NodeTypes } from '@xyflow/react';
import { JourneyNode } from './JourneyNode';

// Module scope: a new object per render would remount every node.
export const nodeTypes: NodeTypes = { journey: JourneyNode };
