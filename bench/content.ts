// npm run bench:content — content-safety scanning speed on one core with the full word lists loaded (plus
// synthetic patterns up to --patterns, the size of an office's real sensitive list), and attachment extraction
// throughput per format. Usage: npm run bench:content -- [--mb 64] [--patterns 30000]
import { readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadContentWords, type ContentWordLists } from '../config/index.ts';
import { compileWords, scanText } from '../checks/content/word-scan.ts';
import { findPii } from '../checks/content/pii.ts';
import { extractAttachment, attachmentFormat } from '../crawler/attachment-extract.ts';
import { SAMPLE_LEADERS } from '../sample/content/privacy.ts';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '64' }, patterns: { type: 'string', default: '30000' } } });
const targetBytes = Number(values.mb) * 1024 * 1024;
const patternCount = Number(values.patterns);

// deterministic pseudo-random CJK words (2–6 characters) for the synthetic part of the list
let seed = 20231215;
const rand = (n: number): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed % n;
};
const cjk = (): string => String.fromCharCode(0x4e00 + rand(0x5000));

const base = loadContentWords();
const synthetic = Array.from({ length: Math.max(0, patternCount - base.sensitive.length) }, (_, i) => ({
  category: '合成',
  word: Array.from({ length: 2 + (i % 5) }, cjk).join(''),
}));
const lists: ContentWordLists = { ...base, sensitive: [...base.sensitive, ...synthetic] };
const total = lists.typos.length + lists.expressions.length + lists.sensitive.length;

let t = performance.now();
const words = compileWords(lists, [...new Set(SAMPLE_LEADERS.map((l) => l.title))]);
const buildMs = performance.now() - t;

// text: real page texts of ../shared/real-pages (falls back to the word lists' own text), repeated
const realDir = new URL('../../shared/real-pages/texts/', import.meta.url);
let corpus = '';
try {
  corpus = readdirSync(realDir)
    .map((f) => readFileSync(new URL(f, realDir), 'utf8').replace(/<[^>]+>/g, ' '))
    .join('\n');
} catch {
  corpus = lists.typos.map((x) => `今年以来，我县认真贯彻落实各项工作${x.right}，群众满意度持续提升。`).join('\n');
}
const parts: string[] = [];
let bytes = 0;
const unit = Buffer.byteLength(corpus, 'utf8');
while (bytes < targetBytes) {
  parts.push(corpus);
  bytes += unit;
}
const docs = parts; // one "document" per copy, as the checks scan them

let hits = 0;
t = performance.now();
const cpu0 = process.cpuUsage();
for (const d of docs) hits += scanText(words, d).length;
const scanMs = performance.now() - t;
// on a shared machine the wall time includes the time other processes held the core; the CPU time does not
const scanCpu = process.cpuUsage(cpu0);
const scanCpuMs = (scanCpu.user + scanCpu.system) / 1000;

let pii = 0;
t = performance.now();
for (const d of docs) pii += findPii(d).length;
const piiMs = performance.now() - t;

const mbps = (b: number, ms: number): string => (b / 1048576 / (ms / 1000)).toFixed(1);
console.log(
  `词表：${total} 条（错别字 ${lists.typos.length}、规范表述 ${lists.expressions.length}、敏感词 ${lists.sensitive.length}，其中合成 ${synthetic.length}），构建自动机 ${buildMs.toFixed(0)} ms`,
);
console.log(
  `错敏词扫描：${(bytes / 1048576).toFixed(1)} MB（UTF-8）用时 ${(scanMs / 1000).toFixed(2)} s，${mbps(bytes, scanMs)} MB/s，单核，命中 ${hits}；CPU 时间 ${(scanCpuMs / 1000).toFixed(2)} s（${mbps(bytes, scanCpuMs)} MB/s）`,
);
console.log(`个人信息扫描：${mbps(bytes, piiMs)} MB/s，单核，命中 ${pii}`);

const dir = new URL('../sample/attachments/', import.meta.url);
for (const file of readdirSync(dir).sort()) {
  const data = readFileSync(new URL(file, dir));
  const format = attachmentFormat(file)!;
  await extractAttachment(data, format); // warm: module load
  const rounds = 20;
  t = performance.now();
  for (let i = 0; i < rounds; i++) await extractAttachment(data, format);
  const ms = (performance.now() - t) / rounds;
  console.log(
    `附件抽取 ${file.padEnd(18)} ${(data.length / 1024).toFixed(0).padStart(4)} KB  ${ms.toFixed(1).padStart(6)} ms/个  ${mbps(data.length, ms)} MB/s`,
  );
}
