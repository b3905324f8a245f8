import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it); playwright-core drives it and never downloads a browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless flags measured on this machine: without the background-networking ones Chromium keeps
 * dialling Google's hosts, and the closed network refuses its connections many at a time.
 */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A phone the size of an iPhone 14: what the mini-program's pages are laid out for. */
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

/** Launches headless Chromium with a fresh profile (playwright makes a new user-data-dir per launch). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not at ${CHROMIUM_PATH}: install it with \`apt-get install chromium\` (.ci/run does) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

const pageErrors = new WeakMap<Page, string[]>();

/** A page in a context of its own at phone size; what the page throws or logs as an error is kept for `see`. */
export async function openPhone(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext(PHONE)).newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return page;
}

/** True once every finite CSS animation and transition on the page has run (page expression, DOM types are not in scope here). */
const SETTLED = `document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect.getComputedTiming().iterations === Infinity)`;

/** Numbered PNGs of the pages a test visits, in the order it visits them, in a folder emptied first. */
export class Screenshots {
  private count = 0;
  constructor(readonly dir: string) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }

  async take(page: Page, name: string): Promise<string> {
    this.count += 1;
    const path = join(this.dir, `${String(this.count).padStart(2, '0')}-${name}.png`);
    // Taro's router slides a page in over 300 ms; a spinner's endless animation does not count.
    await page.waitForFunction(SETTLED, undefined, { polling: 'raf' });
    await page.screenshot({ path, animations: 'disabled' });
    return path;
  }
}

/** Waits until the text shows on the page; a failure says which text and what the page showed instead. */
export async function see(page: Page, text: string | RegExp, timeoutMs = 15_000): Promise<void> {
  try {
    await page.getByText(text).first().waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    const body = (await page.locator('body').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 2000);
    const errors = pageErrors.get(page) ?? [];
    throw new Error(`"${String(text)}" did not show on ${page.url()} within ${timeoutMs} ms; the page showed:\n${body}${errors.length ? `\nerrors on the page:\n${errors.join('\n')}` : ''}`);
  }
}
