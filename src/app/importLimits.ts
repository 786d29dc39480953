/** A file too large to read is refused by its size, before its bytes are read (domain/limits.ts). */
import { formatBytes, MAX_IMPORT_FILE_BYTES } from '../domain/limits';
import { problem, type Problem } from '../domain/problem';

export function fileSizeProblem(
  file: { name: string; size?: number },
  max: number = MAX_IMPORT_FILE_BYTES,
): { message: string; problem: Problem } | undefined {
  if (file.size === undefined || file.size <= max) return undefined;
  const params = { name: file.name, size: formatBytes(file.size), max: formatBytes(max) };
  return {
    message: `“${file.name}” is ${params.size}; Yishi imports files of at most ${params.max}. Nothing was imported.`,
    problem: problem('fileTooLarge', params),
  };
}
