import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/http';
import { journeysApi } from '../api/journeys';
import { useCanvas } from '../canvas/store';
import { clearLocalDraft, writeLocalDraft } from './localDraft';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'stale' | 'error';

const DEBOUNCE_MS = 800;

/**
 * Saves the draft shortly after each change, with the revision it was based on; the server
 * refuses a save based on an older revision (another tab saved first) and we say so instead
 * of overwriting their work.
 */
export function useAutosave(journeyId: string, initialRevision: number, enabled: boolean, onSaved?: (saved: { revision: number; hasUnpublishedChanges: boolean }) => void) {
  // The server knows whether the saved draft differs from the live version; the header shows it.
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const graphVersion = useCanvas((s) => s.graphVersion);
  const revision = useRef(initialRevision);
  const [state, setStateValue] = useState<SaveState>('saved');
  // Publishing reads the latest state outside React's render cycle.
  const stateRef = useRef<SaveState>('saved');
  const setState = (next: SaveState | ((s: SaveState) => SaveState)) => {
    const value = typeof next === 'function' ? next(stateRef.current) : next;
    stateRef.current = value;
    setStateValue(value);
  };
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  const pending = useRef(false);

  useEffect(() => {
    revision.current = initialRevision;
  }, [initialRevision]);

  useEffect(() => {
    if (!enabled || graphVersion === 0) return;
    const graph = useCanvas.getState().graph();
    writeLocalDraft(journeyId, { graph, baseRevision: revision.current, savedAt: Date.now() });
    setState((s) => (s === 'stale' ? s : 'unsaved'));
    const timer = setTimeout(() => void save(), DEBOUNCE_MS);
    return () => clearTimeout(timer);

    async function save(): Promise<void> {
      if (inFlight.current) {
        pending.current = true;
        return;
      }
      inFlight.current = true;
      setState((s) => (s === 'stale' ? s : 'saving'));
      const current = useCanvas.getState().graph();
      try {
        const res = await journeysApi.saveDraft(journeyId, current, revision.current);
        revision.current = res.revision;
        onSavedRef.current?.(res);
        // Only forget the local copy when nothing changed while the request ran.
        const latest = useCanvas.getState().graph();
        if (JSON.stringify(latest) === JSON.stringify(current)) clearLocalDraft(journeyId);
        else writeLocalDraft(journeyId, { graph: latest, baseRevision: revision.current, savedAt: Date.now() });
        setState('saved');
        setError(null);
      } catch (err) {
        setError(err);
        setState(err instanceof ApiError && err.status === 409 ? 'stale' : 'error');
      } finally {
        inFlight.current = false;
        if (pending.current) {
          pending.current = false;
          void save();
        }
      }
    }
  }, [graphVersion, enabled, journeyId]);

  return { state, stateRef, error, revision };
}
