export * from './schema/index';
export { createDb, DEFAULT_DATABASE_URL } from './client';
export type { BraidDb, CreateDbOptions, Db, DbOrTx, Schema, Tx } from './client';
export { migrate, migrationsFolder } from './migrate';
export { newId } from './ids';
// drizzle-orm is installed for this package only; other packages build queries with the same
// instance through these re-exports, so column objects and operators always match.
export {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  ne,
  not,
  notInArray,
  or,
  sql,
} from 'drizzle-orm';
export type { InferInsertModel, InferSelectModel, SQL } from 'drizzle-orm';
export { findCustomerByIdentity, liveCustomerId, repointCustomerData, repointCustomerDataSql } from './queries/customers';
export { multiRowInsert, placeholders, toStatement } from './queries/statements';
export type { Client, InStatement, InValue, ResultSet, Row, Transaction } from '@libsql/client';
