import { describe, expect, it } from 'vitest';
import { ProblemError, problem, problemOf } from '../../src/domain/problem';
import { describeError, describeProblem } from '../../src/i18n/messages';

describe('problems', () => {
  it('are rendered in the interface language with their parameters', () => {
    const p = problem('unexpected', { detail: 'x' });
    expect(describeProblem('en', p)).toBe('Something unexpected happened: x');
    expect(describeProblem('zh-CN', p)).toBe('发生了意外错误：x');
  });

  it('are found on any error that carries one, and any other error is "unexpected"', () => {
    const e = new ProblemError(problem('unexpected', { detail: 'disk' }));
    expect(problemOf(e)).toEqual({ code: 'unexpected', params: { detail: 'disk' } });
    expect(describeError('zh-CN', e)).toBe('发生了意外错误：disk');
    expect(describeError('en', new TypeError('boom'))).toBe('Something unexpected happened: boom');
    expect(problemOf('string')).toBeUndefined();
  });

  it('never reads an inherited parameter', () => {
    const params = Object.create({ detail: 'inherited' }) as Record<string, string>;
    expect(describeProblem('en', { code: 'unexpected', params })).toBe('Something unexpected happened: {detail}');
  });
});
