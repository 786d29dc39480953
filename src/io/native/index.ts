/**
 * Yishi's native JSON format (`docs/yishi-annotations.schema.json`): read, write, migrate.
 * Callers import from here; the parts are format.ts, problems.ts, validate.ts, read.ts, write.ts
 * and migrations.ts.
 */
export { MAX_PROBLEMS, NativeFormatError, describe } from './problems';
export { NATIVE_FORMAT, NATIVE_OFFSET_UNIT, NATIVE_VERSION, type ParsedNative } from './format';
export { migrateNative, MIGRATIONS } from './migrations';
export { parseNative } from './read';
export { serializeNative } from './write';
