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

  it('render their cause as their detail, in the same language', () => {
    const p = problem('record.changeFailed', { title: '第一次会议' }, problem('storage.full'));
    expect(describeProblem('zh-CN', p)).toBe('记录“第一次会议”：浏览器为本站保留的存储空间已满（QuotaExceededError），未保存任何内容');
    expect(describeProblem('en', p)).toMatch(/^The record "第一次会议": the browser's storage for this site is full/);
    expect(describeError('zh-CN', new ProblemError(p))).toBe(describeProblem('zh-CN', p));
  });
});
