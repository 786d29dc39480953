/**
 * The vocabulary's types, apart from the tables (zh.ts checks itself against `Messages`; with the
 * type in messages.ts, messages ↔ zh was an import circle).
 */
import type { en } from './en';

export type MessageKey = keyof typeof en;
/** Every language has exactly the keys of English. */
export type Messages = { readonly [K in MessageKey]: string };
