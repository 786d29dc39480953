import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { BACKUP_SETTINGS, isSettingKey, SETTINGS, settingValue } from '../../src/domain/settings';

describe('the settings registry', () => {
  it('reads what is stored as the setting type, and anything else as the default', () => {
    expect(settingValue('snapMode', 'word')).toBe('word');
    expect(settingValue('snapMode', 'sideways')).toBe('none');
    expect(settingValue('snapMode', undefined)).toBe('none');
    expect(settingValue('annotator', '张三')).toBe('张三');
    expect(settingValue('annotator', 7)).toBe('');
    expect(settingValue('sampleSeeded', true)).toBe(true);
    expect(settingValue('sampleSeeded', 'true')).toBe(false);
    expect(settingValue('lastOpenDocId', null)).toBeUndefined();
    expect(settingValue('language', 'zh-CN')).toBe('zh-CN');
    expect(settingValue('language', '')).toBeUndefined();
    expect(settingValue('readingMeasure', 'wide')).toBe('wide');
    expect(settingValue('readingMeasure', 'huge')).toBe('medium');
    expect(settingValue('readingMeasure', undefined)).toBe('medium');
  });

  it('takes a label set only when it is a list of labels', () => {
    const labels = DEFAULT_LABELS.map((l) => ({ ...l }));
    expect(settingValue('labels', labels)).toBe(labels);
    expect(settingValue('labels', { order: ['proposal'] })).toBeUndefined();
    expect(settingValue('labels', [{ id: 'x' }])).toBeUndefined();
    expect(settingValue('labels', [])).toBeUndefined();
  });

  it('never crashes on any stored value', () => {
    const odd: unknown[] = [null, 0, NaN, '', 'x', [], {}, [null], Object.create(null), () => 1, Symbol('s'), 10n];
    for (const key of Object.keys(SETTINGS)) {
      if (!isSettingKey(key)) throw new Error(key);
      for (const v of odd) expect(() => settingValue(key, v)).not.toThrow();
    }
  });

  it('derives what a backup carries from the registry: the name, snapping and language, nothing else', () => {
    expect(BACKUP_SETTINGS).toEqual(['annotator', 'snapMode', 'language']);
    expect(isSettingKey('toString')).toBe(false);
    expect(isSettingKey('__proto__')).toBe(false);
  });
});
