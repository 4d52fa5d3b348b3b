import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { ROOT } from '../helpers/paths.js';
import { CourierProcess, waitFor } from '../service/courier-process.js';

/** Debian's chromium (test/conformance/ensure-tools.sh installs it); playwright never downloads a browser. */
const CHROMIUM = '/usr/bin/chromium';
/** Kept for people to look at (gitignored): what the page and the feeds look like on a phone. */
const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const PHONE = { width: 390, height: 844 };

describe('the index page and the feeds in a real browser (chromium) on a 390 px phone', function () {
  this.timeout(60_000);
  let build: TempBuild;
  let courier: CourierProcess;
  let browser: Browser;
  let context: BrowserContext;
  let url: string;
  const cspViolations: string[] = [];

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    build = new TempBuild();
    courier = new CourierProcess(['serve', '--content', build.content, '--out', build.out]);
    url = (await courier.url()).replace(/\/$/, '');
    assert.ok(await waitFor(async () => (await request(url, '/')).status === 200 || undefined, 30_000), 'no page');
    browser = await chromium.launch({ executablePath: CHROMIUM });
    context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, hasTouch: true, isMobile: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  });
  after(async () => {
    await browser.close();
    await courier.stop();
    build.remove();
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    const response = await page.goto(url + path);
    assert.equal(response?.status(), 200, path);
    return page;
  }

  it('shows the site, category and author feeds grouped, each with its count, without sideways scrolling', async () => {
    const page = await open('/');
    await page.screenshot({ path: join(SCREENSHOTS, 'index-390px.png') });
    await page.screenshot({ path: join(SCREENSHOTS, 'index-390px-full.png'), fullPage: true });
    const layout = {
      scrollWidth: await page.evaluate<number>('document.documentElement.scrollWidth'),
      width: await page.evaluate<number>('window.innerWidth'),
      groups: await page.locator('h2').allTextContents(),
      metas: await page.locator('.feed .meta').allTextContents(),
    };
    assert.ok(layout.scrollWidth <= layout.width, `${layout.scrollWidth} px wide in a ${layout.width} px viewport`);
    assert.deepEqual(layout.groups, ['How to subscribe', 'All articles', 'Categories (8)', 'Authors (5)']);
    assert.match(layout.metas[0]!, /^5 articles · updated \d+ \w{3} 2026, \d\d:\d\d$/);
    assert.equal(layout.metas.length, 14);
    assert.deepEqual(cspViolations, []);
    await page.close();
  });

  it('copies a feed address with its copy button', async () => {
    const page = await open('/');
    const button = page.locator('button[data-url]').first();
    const address = await button.getAttribute('data-url');
    assert.equal(address, 'https://news.test.example/feeds/rss.xml');
    await button.click();
    await page.locator('#copy-status', { hasText: 'Copied' }).waitFor();
    assert.equal(await page.evaluate<string>('navigator.clipboard.readText()'), address);
    assert.deepEqual(cspViolations, []);
    await page.close();
  });

  it('works without JavaScript: the addresses are links, and no copy button shows', async () => {
    const plain = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await plain.newPage();
    await page.goto(`${url}/`);
    assert.equal(await page.locator('button[data-url]:visible').count(), 0);
    const links = await page.locator('a.url').allTextContents();
    assert.equal(links.length, 14 * 3);
    assert.ok(links.every((text) => text.startsWith('https://news.test.example/feeds/')));
    await plain.close();
  });

  for (const [path, title, shot] of [
    ['/feeds/rss.xml', 'Test Newsroom', 'rss-390px.png'],
    ['/feeds/categories/world/atom.xml', 'Test Newsroom: World', 'atom-390px.png'],
  ] as const) {
    it(`shows ${path}, opened directly, as a page made by its stylesheet`, async () => {
      const page = await open(path);
      await page.locator('h1').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, shot), fullPage: true });
      const shown = {
        title: await page.locator('h1').textContent(),
        items: await page.locator('ol > li h3 a').count(),
        subscribe: await page.locator('.about code').textContent(),
        scrollWidth: await page.evaluate<number>('document.documentElement.scrollWidth'),
      };
      assert.equal(shown.title, title);
      assert.ok(shown.items > 0);
      assert.equal(shown.subscribe, `https://news.test.example${path}`);
      assert.ok(shown.scrollWidth <= PHONE.width, `${shown.scrollWidth} px wide`);
      await page.close();
    });
  }
});
