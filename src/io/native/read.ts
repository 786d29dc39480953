/** Reading a native file: JSON, then migrations, then the validator. */
import { checkJsonDepth } from '../jsonInput';
import { migrateNative } from './migrations';
import type { ParsedNative } from './format';
import { Problems, refusal } from './problems';
import { readNative } from './validate';

/**
 * Reads a native JSON file. Validates everything and refuses the file whole with a
 * NativeFormatError whose problems name `sourceName` and the place of each problem.
 *
 * Fields this version does not know (top level, document, annotation, label) are ignored, so a
 * file from a later minor revision that only adds fields still opens (forward compatibility).
 * Missing optional fields get defaults: labels → DEFAULT_LABELS, format → 'plain', meta → {},
 * annotations → [], createdAt/updatedAt → now, empty title → 'Untitled'.
 */
export function parseNative(json: string, sourceName: string): ParsedNative {
  const problems = new Problems(sourceName);
  checkJsonDepth(json, sourceName);
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    problems.add('', `not valid JSON: ${detail}`, 'native.notJson', { detail });
    throw refusal(sourceName, problems);
  }
  const migrated = migrateNative(data, problems);
  if (problems.list.length > 0) throw refusal(sourceName, problems);
  const parsed = readNative(migrated, problems, new Date().toISOString());
  if (problems.list.length > 0 || !parsed) throw refusal(sourceName, problems);
  return parsed;
}
