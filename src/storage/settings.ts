/**
 * Reading and writing the `settings` table through the registry (domain/settings.ts): a stored
 * value is parsed on the way out (a bad one gives the setting's default), a value is checked on
 * the way in. A key outside the registry is kept as given (nothing stored is dropped).
 */
import { BACKUP_SETTINGS, isSettingKey, SETTINGS, settingValue, type SettingKey, type SettingTypes } from '../domain/settings';
import type { YishiDb } from './db';
import { fail, storageError } from './errors';

/** What is stored under a key, read as the registry's type: undefined when absent or unreadable. */
export function parsedStored(key: string, stored: unknown): unknown {
  if (stored === undefined || !isSettingKey(key)) return stored;
  return SETTINGS[key].parse(stored);
}

/** A setting's value: what is stored when it reads as the setting's type, else its default. */
export async function readSetting<K extends SettingKey>(db: YishiDb, key: K): Promise<SettingTypes[K]> {
  return settingValue(key, await readRaw(db, key));
}

/** A value stored under any key (a registry key's parsed, or its default). */
export async function readAnySetting(db: YishiDb, key: string): Promise<unknown> {
  const raw = await readRaw(db, key);
  return isSettingKey(key) ? settingValue(key, raw) : raw;
}

async function readRaw(db: YishiDb, key: string): Promise<unknown> {
  try {
    return (await db.settings.get(key))?.value;
  } catch (error) {
    throw fail('storage.readSetting', error, { key });
  }
}

/**
 * The row to store for a setting, or undefined to delete it (a value equal to an undefined
 * default). Refuses a value that is not of the setting's type.
 */
export function settingRow(key: string, value: unknown): { key: string; value: unknown } | undefined {
  if (!isSettingKey(key)) return { key, value };
  if (value === undefined && SETTINGS[key].fallback === undefined) return undefined;
  if (SETTINGS[key].parse(value) === undefined) {
    throw storageError('storage.invalidSetting', { key, value: JSON.stringify(value) ?? String(value) });
  }
  return { key, value };
}

export async function writeSetting(db: YishiDb, key: string, value: unknown): Promise<void> {
  const row = settingRow(key, value);
  try {
    if (row) await db.settings.put(row);
    else await db.settings.delete(key);
  } catch (error) {
    throw fail('storage.saveSetting', error, { key });
  }
}

/**
 * The settings a backup carries (those the registry marks), as stored: a setting never chosen
 * is not written into the backup, so restoring it elsewhere keeps that library's own.
 */
export async function backupSettings(db: YishiDb): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const key of BACKUP_SETTINGS) {
    const value = parsedStored(key, await readRaw(db, key));
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}
