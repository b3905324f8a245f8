import { bigint, bigserial, timestamp } from 'drizzle-orm/pg-core';

/** Shared column shapes: ids and fen are bigint in SQL and safe integers in TypeScript. */
export const id = () => bigserial('id', { mode: 'number' }).primaryKey();
export const ref = (name: string) => bigint(name, { mode: 'number' });
export const fen = (name: string) => bigint(name, { mode: 'number' });
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
