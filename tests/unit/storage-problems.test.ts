import { describe, expect, it } from 'vitest';
import { problem, problemOf } from '../../src/domain/problem';
import { describeError, describeProblem } from '../../src/i18n/messages';
import { causeOf, ConflictError, fail, isDiskFullError, StorageError } from '../../src/storage/errors';

/** An error shaped as Dexie wraps the browser's (a named error with the browser's as `inner`). */
function dexieError(name: string, message: string, inner?: unknown): Error & { inner?: unknown } {
  return Object.assign(new Error(message), { name, inner });
}

describe('storage problems', () => {
  it("read Chromium's failed blob write and a quota error as a full disk, not as an invalid key", () => {
    const blobs = new DOMException('Failed to write blobs (IOError)', 'DataError');
    expect(isDiskFullError(blobs)).toBe(true);
    expect(causeOf(dexieError('AbortError', 'Transaction aborted', blobs))).toEqual(problem('storage.cause.diskFull'));
    expect(causeOf(new DOMException('full', 'QuotaExceededError')).code).toBe('storage.cause.diskFull');
    // A DataError that is not about the disk still reads as a bad key.
    const key = new DOMException('Evaluating the object store key path did not yield a value.', 'DataError');
    expect(isDiskFullError(key)).toBe(false);
    expect(causeOf(key).code).toBe('storage.cause.invalidKey');
  });

  it('name what failed and where, in the interface language, with the cause', () => {
    const error = fail('storage.save', dexieError('AbortError', 'aborted', new DOMException('Failed to write blobs (IOError)', 'DataError')), {
      record: '“第一次会议”',
    });
    expect(error).toBeInstanceOf(StorageError);
    expect(error.message).toBe(
      "Could not save the change to “第一次会议”: the disk or the browser's storage is full (its quota is used up) — free space or export a backup. The change was not saved.",
    );
    expect(describeError('zh-CN', error)).toBe('无法保存对 “第一次会议” 的修改：磁盘或浏览器的存储配额已满——请释放空间，或导出备份。这次修改没有保存。');
    expect(problemOf(error)?.code).toBe('storage.save');
  });

  it('pass a StorageError raised inside the operation on as it is', () => {
    const conflict = new ConflictError(problem('storage.conflictExists', { record: '“甲”', id: 'a1' }));
    expect(fail('storage.save', conflict, { record: '“甲”' })).toBe(conflict);
    expect(describeProblem('zh-CN', conflict.problem)).toContain('编号为 a1 的标注已经存在');
  });

  it('keep the name and message of an error nothing else explains', () => {
    const error = fail('storage.list', new TypeError('boom.'));
    expect(error.message).toBe('Could not read the list of records: TypeError: boom.');
  });
});
