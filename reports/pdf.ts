// PDF of any HTML report through the system Chromium (playwright-core); false when Chromium is absent.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const CHROMIUM_PATH = process.env.ZWGK_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export async function renderPdf(htmlFile: string, pdfFile: string): Promise<boolean> {
  if (!hasChromium()) return false;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // Reports are self-contained; block anything that would leave the file (crawled URLs are only links).
    await page.route(/^(?!file:|data:)/, (route) => route.abort());
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    await page.pdf({ path: pdfFile, format: 'A4', preferCSSPageSize: true, printBackground: true });
    return true;
  } finally {
    await browser.close();
  }
}
