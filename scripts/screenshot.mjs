// Takes the README screenshots: the sample record with a dozen spans of all four labels,
// overlaps included, a problem → recommendation → response chain with speakers, one span selected. Run `npm run build` first. Writes docs/screenshot.png
// (the interface in Chinese, as the analysts use it) and the workbench in both languages:
// docs/screenshot-zh.png and docs/screenshot-en.png, and the two ends of the supported sizes:
// docs/screenshot-1024.png (1024×700) and docs/screenshot-1920.png (1920×1080), in Chinese.
// `--sizes` writes only those two; a path argument writes only the first.
import { copyFileSync } from 'node:fs';
import { launchChromium, servePreview, tagAll } from '../tests/e2e/harness.mjs';

const SPANS = [
  ['目前天津市先进制造业未形成完整的产业链上下游配套,不能快速打通从创意、小批量试制到批量生产的全流程', '2'],
  ['推动链条化布局,围绕全市制造业集群,建设引领性、高端型的产业技术研究院', '3'],
  ['建设引领性、高端型的产业技术研究院', '3'],
  ['打造产业创新综合服务体', '3'],
  ['生物医药产业目前政策体系散乱、存在盲点区域,创新活力不足', '2'],
  ['建立优势产业组织体系', '3'],
  ['制定出台产业专项支持政策', '3'],
  ['构建新能源产业体系,是加快天津市先进制造业发展、完成“双碳”目标任务的“先手棋”', '1'],
  ['加快天津市先进制造业发展', '1'],
  ['要加强氢能产业顶层设计,推动建设“天津氢谷”', '3'],
  ['但仍存在聚集培育总数相对偏少,借力资本市场不足的问题', '2'],
  ['将以此次会议为契机,做好产业转型升级工作', '4'],
  ['全面实施“链长制”', '4', 1],
];

/** A fresh profile whose browser prefers `locale`: the interface starts in that language. */
async function shoot(browser, url, locale, path, viewport = { width: 1440, height: 1000 }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('editor').locator('.ProseMirror').waitFor();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
  await tagAll(page, SPANS);
  await page.keyboard.press('Escape');
  await page.locator('.ProseMirror h3', { hasText: '建议:瞄准靶心' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  // A chain problem → recommendation → response with speakers, made as an analyst would: select,
  // S for the speaker, R to link by picking the target.
  const link = async (spanText, speaker, target) => {
    await page.locator('[data-testid="annotation-item"]', { hasText: spanText }).first().locator('button').click();
    await page.getByTestId('span-panel').waitFor();
    await page.keyboard.press('s');
    await page.keyboard.type(speaker);
    await page.keyboard.press('Enter');
    const before = Number(await page.getByTestId('relation-count').textContent());
    await page.keyboard.press('r');
    await page.getByTestId('link-target-search').waitFor();
    await page.keyboard.type(target);
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="relation-count"]')?.textContent) === n, before + 1);
  };
  await link('打造产业创新综合服务体', '马丽娟委员', '未形成完整的产业链');
  await link('将以此次会议为契机', '市长廖国勋', '打造产业创新综合服务体');
  await page.locator('.ProseMirror h3', { hasText: '建议:瞄准靶心' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  // Select one span, as an analyst fixing a boundary would see it.
  await page.locator('[data-annotation-ids]', { hasText: '打造产业创新综合服务体' }).first().click();
  await page.screenshot({ path });
  await context.close();
}

const server = await servePreview();
const browser = await launchChromium();
try {
  if (process.argv[2] === '--sizes') {
    await shoot(browser, server.url, 'zh-CN', 'docs/screenshot-1024.png', { width: 1024, height: 700 });
    await shoot(browser, server.url, 'zh-CN', 'docs/screenshot-1920.png', { width: 1920, height: 1080 });
  } else if (process.argv[2]) {
    await shoot(browser, server.url, 'zh-CN', process.argv[2]);
  } else {
    await shoot(browser, server.url, 'zh-CN', 'docs/screenshot-zh.png');
    await shoot(browser, server.url, 'en', 'docs/screenshot-en.png');
    copyFileSync('docs/screenshot-zh.png', 'docs/screenshot.png');
    await shoot(browser, server.url, 'zh-CN', 'docs/screenshot-1024.png', { width: 1024, height: 700 });
    await shoot(browser, server.url, 'zh-CN', 'docs/screenshot-1920.png', { width: 1920, height: 1080 });
  }
} finally {
  await browser.close();
  await server.close();
}
