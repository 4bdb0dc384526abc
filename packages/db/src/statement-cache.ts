// @libsql/client prepares every statement from scratch (`db.prepare(sql)` per execute); parsing
// a 100-row INSERT costs more than running it. Local databases get a per-connection cache of
// prepared statements keyed by SQL text (Drizzle and our hot paths repeat the same texts).
// Statements are executed synchronously by the client, so one is never used twice at once.
import { createRequire } from 'node:module';

interface PreparedLike {
  raw(on?: boolean): unknown;
}
interface DatabaseLike {
  prepare(sql: string): PreparedLike;
}

const MAX_PER_CONNECTION = 300;
let installed = false;

export function installStatementCache(): void {
  if (installed) return;
  installed = true;
  // The same `libsql` module instance @libsql/client loads.
  const requireFromClient = createRequire(createRequire(import.meta.url).resolve('@libsql/client'));
  const Database = requireFromClient('libsql') as { prototype: DatabaseLike };
  const original = Database.prototype.prepare;
  const caches = new WeakMap<object, Map<string, PreparedLike>>();
  Database.prototype.prepare = function prepare(this: DatabaseLike, sql: string): PreparedLike {
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    const hit = cache.get(sql);
    if (hit) {
      // Refresh recency (Map keeps insertion order).
      cache.delete(sql);
      cache.set(sql, hit);
      return hit;
    }
    const statement = original.call(this, sql);
    // Transaction control and pragmas are cheap to parse and some must not be reused.
    if (/^\s*(BEGIN|COMMIT|ROLLBACK|END|PRAGMA|SAVEPOINT|RELEASE)\b/i.test(sql)) return statement;
    cache.set(sql, statement);
    if (cache.size > MAX_PER_CONNECTION) cache.delete(cache.keys().next().value!);
    return statement;
  };
}
