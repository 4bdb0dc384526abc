import { create } from 'zustand';
import type { CustomerRef } from '../api/types';
import { eventVariables, traitVariables } from './liquidContext';
import type { VariableGroup } from './liquidContext';

// The customer chosen for message previews, shared by every liquid field of the panel.
type PreviewState = {
  customer: CustomerRef | null;
  traits: Record<string, unknown>;
  entryProperties: Record<string, unknown>;
  variableGroups: VariableGroup[];
  setCustomer: (customer: CustomerRef | null, traits: Record<string, unknown>, entryProperties: Record<string, unknown>) => void;
};

function groups(traits: Record<string, unknown>, entry: Record<string, unknown>): VariableGroup[] {
  return [
    { title: 'panel.traits', variables: traitVariables(traits) },
    { title: 'panel.entryEvent', variables: ['entry.name', ...eventVariables(entry)] },
    { title: 'Voucher', variables: ['voucher.code', 'voucher.value', 'voucher.expiresAt'] },
  ];
}

export const usePreviewContext = create<PreviewState>((set) => ({
  customer: null,
  traits: {},
  entryProperties: {},
  variableGroups: groups({}, {}),
  setCustomer: (customer, traits, entryProperties) => set({ customer, traits, entryProperties, variableGroups: groups(traits, entryProperties) }),
}));
