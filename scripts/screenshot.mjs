// Takes the README screenshot: the sample record with a dozen spans of all four labels,
// overlaps included. Run `npm run build` first; writes docs/screenshot.png.
import { launchChromium, servePreview, tagAll } from '../tests/e2e/harness.mjs';

const server = await servePreview();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(server.url);
  await page.getByTestId('editor').locator('.ProseMirror').waitFor();
  await tagAll(page, [
    ['大力发展汽车产业', '1'],
    ['天津要抓住本轮汽车电子产业“重构式”的转型发展浪潮,大力发展以智能驾舱、域控制器等为代表的智能汽车产业链。', '3'],
    ['大力发展以智能驾舱、域控制器等为代表的智能汽车产业链', '1'],
    ['鼓励电池回收及再资源化产业,支持储能、备能等梯次利用', '3'],
    ['以工业互联网助推现代工业体系', '1'],
    ['强化网络基础设施建设,引导企业上云上平台。', '3'],
    ['加强工业互联网标识解析二级节点建设', '3'],
    ['发展装配式建筑产业', '1'],
    ['要加大政策激励扶持', '3'],
    ['破解制造业人才困境', '2'],
    ['打破职业偏见', '3'],
    ['完善工业互联网发展相关政策环境,培育服务体系,推动示范应用', '3'],
  ]);
  await page.getByTestId('editor').locator('.ProseMirror').evaluate((el) => el.parentElement?.parentElement?.scrollTo(0, 330));
  await page.screenshot({ path: process.argv[2] ?? 'docs/screenshot.png' });
} finally {
  await browser.close();
  await server.close();
}
