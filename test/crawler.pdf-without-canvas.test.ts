// pdf.js reads a PDF's text without loading its optional canvas package (Skia, ~30 MB resident; README 内存与规模).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractAttachment } from '../crawler/attachment-extract.ts';
import { PLANTED_ATTACHMENTS } from '../sample/content/privacy.ts';

const loadedModules = () => Object.keys(createRequire(import.meta.url).cache);

describe('PDF text without the canvas package', () => {
  it('extracts the text, and neither Skia nor the canvas bindings are loaded', async () => {
    const planted = PLANTED_ATTACHMENTS.find((a) => a.ext === 'pdf')!;
    const r = await extractAttachment(readFileSync(new URL(`../sample/attachments/${planted.file}`, import.meta.url)), 'pdf');
    expect(r.pages).toBe(1);
    expect(r.text.replace(/\s+/g, '')).toContain(planted.heading.replace(/\s+/g, ''));
    expect(loadedModules().some((f) => f.includes('pdfjs-dist') || f.includes('@napi-rs/canvas/index.js'))).toBe(true);
    expect(loadedModules().filter((f) => /\.node$|canvas[/\\]js-binding/.test(f))).toEqual([]);
  }, 30_000);

  it('refuses to draw, with a Chinese message, should anything try', async () => {
    const planted = PLANTED_ATTACHMENTS.find((a) => a.ext === 'pdf')!;
    await extractAttachment(readFileSync(new URL(`../sample/attachments/${planted.file}`, import.meta.url)), 'pdf');
    const DOMMatrix = (globalThis as { DOMMatrix?: new () => unknown }).DOMMatrix!;
    expect(() => new DOMMatrix()).toThrow(/不绘制页面/);
  }, 30_000);
});
