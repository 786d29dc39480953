import { describe, expect, it } from 'vitest';
import { mapRadicals, radicalToIdeograph } from '../../../src/io/intake/radicals';

describe('radicals back to ideographs', () => {
  it('maps Kangxi radicals through NFKC and supplement radicals through the Unicode data', () => {
    expect(radicalToIdeograph('\u2F74')).toBe('立'); // ⽴
    expect(radicalToIdeograph('\u2F53')).toBe('气'); // ⽓
    expect(radicalToIdeograph('\u2EA0')).toBe('民'); // ⺠
    expect(mapRadicals('⼈⺠代表⼤会').text).toBe('人民代表大会');
    expect(mapRadicals('⼈⺠代表⼤会').count).toBe(3);
  });

  it('leaves full-width forms, compatibility ideographs and everything else as they are', () => {
    const untouched = 'ＡＢＣ１２３，（一）﹏︰㈠①ｶ 豈 丽 abc 立民 \u2E9A \u2FD6 𠮷';
    expect(mapRadicals(untouched)).toEqual({ text: untouched, count: 0 });
    // NFKC of the whole text would change these: only radicals are mapped.
    expect(mapRadicals('ＡＢＣ⽴').text).toBe('ＡＢＣ立');
  });

  it('maps every assigned radical of both blocks to a Han ideograph, one for one', () => {
    for (let cp = 0x2e80; cp <= 0x2fdf; cp++) {
      const ch = String.fromCodePoint(cp);
      const mapped = radicalToIdeograph(ch);
      if (mapped !== ch) expect(mapped, cp.toString(16)).toMatch(/^\p{Script=Han}$/u);
    }
    // 214 Kangxi radicals and 114 supplement entries.
    let count = 0;
    for (let cp = 0x2e80; cp <= 0x2fdf; cp++) if (radicalToIdeograph(String.fromCodePoint(cp)) !== String.fromCodePoint(cp)) count++;
    expect(count).toBe(214 + 114);
  });
});
