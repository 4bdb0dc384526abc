// A port another process listens on must be an error: the dev server would fail to bind while
// the readiness probe happily talks to whatever already answers there (an orphaned server).
import { createServer } from 'node:net';
import { StartupError } from './startup-error';

/** Resolves when `host:port` can be bound right now; rejects with a line naming `label` if not. */
export function assertPortFree(port: number, host: string, label: string): Promise<void> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'is already in use by another process' : `cannot be bound (${error.code ?? error.message})`;
      fail(new StartupError(`${label} (${host}:${port}) ${why}`));
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => done()));
  });
}
