// Why this exists: @libsql/client runs local-file statements synchronously on the Node thread,
// and its `transaction()` opens a second connection for every transaction. A write on the main
// connection while another connection holds the write lock then spins on busy_timeout *on the
// event loop*, so the open transaction can never finish: the process freezes, then fails with
// SQLITE_BUSY. Here every transaction runs on the one connection, one at a time, and other
// statements wait until it ends. Other processes still coordinate through WAL + busy_timeout.
import type {
  Client,
  InStatement,
  InArgs,
  ResultSet,
  Transaction,
  TransactionMode,
} from '@libsql/client';

type Release = () => void;

export function serializeLocalClient(inner: Client): Client {
  let current: Promise<void> | null = null;

  // The check and the call must happen in the same tick, so no other caller slips in between.
  async function whenIdle<T>(fn: () => Promise<T>): Promise<T> {
    while (current) await current;
    return fn();
  }

  async function acquire(): Promise<Release> {
    while (current) await current;
    let release!: Release;
    current = new Promise<void>((resolve) => {
      release = () => {
        current = null;
        resolve();
      };
    });
    return release;
  }

  function beginSql(mode: TransactionMode): string {
    if (mode === 'read') return 'BEGIN DEFERRED';
    return mode === 'deferred' ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE';
  }

  async function transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    const release = await acquire();
    try {
      await inner.execute(beginSql(mode));
    } catch (error) {
      release();
      throw error;
    }
    let open = true;
    const finish = async (sql: 'COMMIT' | 'ROLLBACK') => {
      if (!open) return;
      try {
        await inner.execute(sql);
        open = false;
        release();
      } catch (error) {
        if (sql === 'COMMIT') {
          // A failed COMMIT leaves the transaction open; roll back so the connection is usable.
          try {
            await inner.execute('ROLLBACK');
          } catch {
            /* already rolled back */
          }
        }
        open = false;
        release();
        throw error;
      }
    };
    const ensureOpen = () => {
      if (!open) throw new Error('The transaction is closed');
    };
    const tx: Transaction = {
      execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
        ensureOpen();
        return typeof stmtOrSql === 'string' ? inner.execute(stmtOrSql, args) : inner.execute(stmtOrSql);
      },
      async batch(stmts: Array<InStatement | [string, InArgs?]>): Promise<ResultSet[]> {
        ensureOpen();
        const out: ResultSet[] = [];
        for (const stmt of stmts) {
          out.push(
            await (Array.isArray(stmt)
              ? inner.execute({ sql: stmt[0], args: stmt[1] ?? [] })
              : inner.execute(stmt)),
          );
        }
        return out;
      },
      executeMultiple(sql: string) {
        ensureOpen();
        return inner.executeMultiple(sql);
      },
      commit: () => finish('COMMIT'),
      rollback: () => finish('ROLLBACK'),
      close() {
        if (open) void finish('ROLLBACK').catch(() => undefined);
      },
      get closed() {
        return !open;
      },
    };
    return tx;
  }

  const client: Client = {
    execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
      return whenIdle(() =>
        typeof stmtOrSql === 'string' ? inner.execute(stmtOrSql, args) : inner.execute(stmtOrSql),
      );
    },
    batch: (stmts, mode) => whenIdle(() => inner.batch(stmts, mode)),
    migrate: (stmts) => whenIdle(() => inner.migrate(stmts)),
    transaction,
    executeMultiple: (sql) => whenIdle(() => inner.executeMultiple(sql)),
    sync: () => inner.sync(),
    reconnect: () => inner.reconnect(),
    close: () => inner.close(),
    get closed() {
      return inner.closed;
    },
    get protocol() {
      return inner.protocol;
    },
  };
  return client;
}
