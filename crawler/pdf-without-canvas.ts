// pdf.js (v4) in Node loads @napi-rs/canvas as soon as it is imported, only to polyfill DOMMatrix, ImageData and
// Path2D for drawing pages on a canvas. That package is Skia, a 33 MB native library: loading it made the
// attachment thread ~30 MB larger (measured, README 内存与规模). Attachments are only read for their text, never
// drawn, so before pdf.js is first imported the package is put into require's cache (Node documents adding entries
// to require.cache) as a stub whose three classes refuse to be constructed.
import { createRequire, Module } from 'node:module';

class DrawingNotSupported {
  constructor() {
    throw new Error('附件只读取文字，不绘制页面');
  }
}

let installed = false;

/** Call before importing pdf.js; `pdfjsPackageJson` is where pdf.js resolves its own dependencies from. */
export function keepPdfCanvasUnloaded(pdfjsPackageJson: string): void {
  if (installed) return;
  installed = true;
  let file: string;
  try {
    file = createRequire(pdfjsPackageJson).resolve('@napi-rs/canvas');
  } catch {
    return; // not installed (an optional dependency of pdf.js): nothing would be loaded
  }
  const stub = new Module(file);
  stub.filename = file;
  stub.loaded = true;
  stub.exports = { DOMMatrix: DrawingNotSupported, ImageData: DrawingNotSupported, Path2D: DrawingNotSupported };
  createRequire(import.meta.url).cache[file] = stub;
}
