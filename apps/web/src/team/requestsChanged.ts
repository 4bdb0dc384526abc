// Publish requests change in a dialog while the editor header shows their badge: a counter both
// read, bumped after a request, an approval or a rejection, so the header reloads without a page reload.
import { create } from 'zustand';

export const useRequestsChanged = create<{ n: number; bump: () => void }>((set) => ({ n: 0, bump: () => set((s) => ({ n: s.n + 1 })) }));

export const requestsChanged = (): void => useRequestsChanged.getState().bump();
