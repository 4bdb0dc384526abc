import { create } from 'zustand';

export type Toast = { id: number; kind: 'info' | 'error' | 'success'; text: string };
type ToastState = { toasts: Toast[]; push: (kind: Toast['kind'], text: string) => void; dismiss: (id: number) => void };

let nextId = 1;
export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  push: (kind, text) => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { id, kind, text }] }));
    // Errors stay until dismissed: a marketer must be able to read them.
    if (kind !== 'error') setTimeout(() => set((s) => ({ toasts: s.toasts.filter((x) => x.id !== id) })), 5000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((x) => x.id !== id) })),
}));

export const toast = {
  info: (text: string) => useToasts.getState().push('info', text),
  success: (text: string) => useToasts.getState().push('success', text),
  error: (text: string) => useToasts.getState().push('error', text),
};
