/**
 * Web pages as they arrive: saved from a browser (navigation, header, footer, scripts, a
 * sidebar around the article) and HTML from the clipboard. The article's text, character for
 * character; the boilerplate gone; title and address kept as metadata.
 */
import { describe, expect, it } from 'vitest';
import { intakeClipboardHtml, intakeFile } from '../../src/io/intake';

const TITLE = '市政协召开专题议政性常委会会议';
const PARAGRAPHS = [
  '6月15日，市政协召开十四届常委会第二十次会议，围绕“加快全国先进制造研发基地建设，推动‘十四五’规划重点任务落实”专题议政。',
  '会议认为，天津要抓住本轮汽车电子产业重构式的转型发展浪潮，大力发展智能汽车产业链，鼓励电池回收及再资源化产业，支持储能、备能等梯次利用。',
  '委员们建议，进一步完善产业链协同机制，加大对关键核心技术攻关的支持力度，健全人才引进和培养政策，为先进制造业发展提供有力支撑。',
  '会议还听取了市发展改革委关于有关情况的通报。市政协主席、副主席，秘书长，常委出席会议。',
];

const BOILERPLATE = ['首页', '政协要闻', '网站地图', '版权所有', '津ICP备', '相关新闻', 'trackVisit', '扫一扫', '打印本页'];

/** As an editor wraps a page's source: a line break and indentation between two ideographs, which a browser does not show. */
const sourceWrapped = (p: string) => `${p.slice(0, 12)}\n        ${p.slice(12)}`;

const savedPage = (charsetMeta = '<meta charset="utf-8">') => `<!DOCTYPE html>
<!-- saved from url=(0046)https://www.tjzx.gov.cn/zxyw/2021/0615/1234.html -->
<html lang="zh-CN"><head>${charsetMeta}
<title>${TITLE}_天津政协网</title>
<link rel="canonical" href="https://www.tjzx.gov.cn/zxyw/2021/0615/1234.html">
<meta property="og:site_name" content="天津政协网">
<script>function trackVisit(){ document.title = 'x'; } trackVisit();</script>
<style>.nav { color: red }</style>
</head><body>
<header class="site-header"><div class="logo">天津政协网</div>
  <nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zxyw/">政协要闻</a></li><li><a href="/map">网站地图</a></li></ul></nav>
</header>
<div class="main">
  <div class="crumbs"><a href="/">首页</a> &gt; <a href="/zxyw/">政协要闻</a></div>
  <article class="article">
    <h1>${TITLE}</h1>
    <div class="info">来源：天津政协网　2021-06-15</div>
    <div class="content">
      ${PARAGRAPHS.map((p) => `<p>\n        ${sourceWrapped(p)}\n      </p>`).join('\n      ')}
    </div>
    <div class="tools"><a href="javascript:print()">打印本页</a> <span>扫一扫</span></div>
  </article>
  <aside class="sidebar"><h3>相关新闻</h3><ul><li><a href="/a">市政协召开主席会议</a></li><li><a href="/b">委员视察滨海新区</a></li></ul></aside>
</div>
<footer class="footer"><p>版权所有：天津市政协办公厅　津ICP备05001234号</p></footer>
<script>trackVisit();</script>
</body></html>`;

const encode = (s: string) => new TextEncoder().encode(s);

function expectArticle(text: string) {
  // The article's paragraphs, in order, as written, each a paragraph of its own.
  const paragraphs = text.split('\n\n');
  const start = paragraphs.indexOf(PARAGRAPHS[0]!);
  expect(start, text).toBeGreaterThanOrEqual(0);
  expect(paragraphs.slice(start, start + PARAGRAPHS.length)).toEqual(PARAGRAPHS);
  for (const b of BOILERPLATE) expect(text, b).not.toContain(b);
}

describe('web page intake', () => {
  it('keeps a saved page’s article, title and address, and drops navigation, footer, sidebar and scripts', async () => {
    const result = await intakeFile(`${TITLE}.html`, encode(savedPage()));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expectArticle(result.text);
    expect(result.text.startsWith(`# ${TITLE}\n\n`), result.text).toBe(true);
    expect(result.meta).toMatchObject({ source: 'https://www.tjzx.gov.cn/zxyw/2021/0615/1234.html', sourceName: `${TITLE}.html`, encoding: 'UTF-8' });
    expect(String(result.meta.sourceTitle)).toContain(TITLE);
    expect(result.notes).toEqual([]);
  });

  it('reads a page saved in GBK as its charset declares', async () => {
    const html = savedPage('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">');
    // The browser's own GBK encoder: a form submitted in a GBK page percent-encodes its characters.
    const bytes = gbkBytes(html);
    const result = await intakeFile('gbk.htm', bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expectArticle(result.text);
    expect(result.meta.encoding).toBe('GBK');
  });

  it('reads HTML from the clipboard, and the page’s address from og:url', async () => {
    const clip = `<meta charset="utf-8"><div><h2>${TITLE}</h2>${PARAGRAPHS.slice(0, 2).map((p) => `<p>${p}</p>`).join('')}</div>`;
    const result = await intakeClipboardHtml(clip);
    expect(result).toMatchObject({ ok: true, text: [`# ${TITLE}`, ...PARAGRAPHS.slice(0, 2)].join('\n\n') });
    const og = savedPage().replace(/<link rel="canonical"[^>]*>/, '<meta property="og:url" content="https://example.org/p/1">').replace(/<!-- saved from[^>]*-->/, '');
    const fromOg = await intakeFile('og.html', encode(og));
    expect(fromOg.ok && fromOg.meta.source).toBe('https://example.org/p/1');
  });

  it('refuses an empty page and a page without text', async () => {
    expect(await intakeFile('空.html', new Uint8Array())).toEqual({ ok: false, kind: 'empty' });
    expect(await intakeFile('无字.html', encode('<html><body><nav>首页</nav><script>x()</script></body></html>'))).toEqual({ ok: false, kind: 'noText' });
  });
});

/** GBK bytes for `text`: the reverse of the browser's GBK decoder (TextEncoder only writes UTF-8). */
function gbkBytes(text: string): Uint8Array {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (!table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return Uint8Array.from(out);
}
