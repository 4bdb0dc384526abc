// `npm run build`: builds into a fresh folder beside dist, then swaps it in, so a server or an
// end-to-end run reading dist never sees it half-written (vite empties its outDir first).
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));
const fresh = mkdtempSync(join(root, '.dist-'));
try {
  await build({ root, build: { outDir: fresh, emptyOutDir: true } });
  const old = `${fresh}-old`;
  try {
    renameSync(join(root, 'dist'), old);
  } catch {
    // no dist yet
  }
  renameSync(fresh, join(root, 'dist'));
  rmSync(old, { recursive: true, force: true });
} catch (error) {
  rmSync(fresh, { recursive: true, force: true });
  throw error;
}
