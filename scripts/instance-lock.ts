// One launcher per data folder: two would write the same database and Temporal file. The lock is
// a pid file; one left by a launcher that was killed (its pid gone, or reused by another program)
// is taken over.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { commandLine, isRunning, readPidFile, removePidFile, StartupError, writePidFile } from '../temporal/src/server';

export const LAUNCHER_PID_FILE = 'launcher.pid';

export function lockDataDir(dataDir: string): { release(): void } {
  const file = join(dataDir, LAUNCHER_PID_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writePidFile(file, process.pid, 'wx');
      return { release: () => removePidFile(file, process.pid) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readPidFile(file);
    if (owner !== null && owner !== process.pid && isRunning(owner) && commandLine(owner).includes('braid.ts')) {
      throw new StartupError(`BRAID_DATA_DIR (${dataDir}) is in use by another Braid launcher (pid ${owner}); stop it or choose another BRAID_DATA_DIR`);
    }
    rmSync(file, { force: true });
  }
  throw new StartupError(`BRAID_DATA_DIR (${dataDir}): could not take ${LAUNCHER_PID_FILE} (another launcher is starting)`);
}
