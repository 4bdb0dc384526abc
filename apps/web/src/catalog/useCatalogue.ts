import { useEffect, useState } from 'react';
import { loadCatalogue } from './catalogue';

export type CatalogueState = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; error: Error };

/** Loads the node catalogue once signed in; the editor and templates need it. */
export function useCatalogue(signedIn: boolean): CatalogueState {
  const [state, setState] = useState<CatalogueState>({ status: 'loading' });
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    loadCatalogue().then(
      () => live && setState({ status: 'ready' }),
      (e: unknown) => live && setState({ status: 'failed', error: e instanceof Error ? e : new Error(String(e)) }),
    );
    return () => {
      live = false;
    };
  }, [signedIn]);
  return state;
}
