// npm run bench:accuracy — how well discovery, extraction and element recognition read pages we did not write:
// ../shared/real-pages (real pages, hand-made truth) and test/fixtures/real-modelled (fixtures modelled on real
// pages), reported separately. Options: --misses (list every wrong decision), --json (machine-readable).
import { parseArgs } from 'node:util';
import { loadCorpus, MODELLED_DIR, REAL_PAGES_DIR } from './accuracy-corpus.ts';
import { measureCorpus } from './accuracy-measure.ts';
import { fmt, precision, recall, type Tally } from './accuracy-tally.ts';

const TARGET = 0.95;

function table(name: string, byKind: Map<string, Tally>): string[] {
  const lines = [`### ${name}`, '', '| 类别 | 判定数 | 精确率 | 召回率 | 标为不确定 |', '|---|---:|---:|---:|---:|'];
  for (const [kind, t] of [...byKind.entries()].sort(([a], [b]) => a.localeCompare(b, 'zh'))) {
    const p = precision(t);
    const r = recall(t);
    const flag = (p !== null && p < TARGET) || (r !== null && r < TARGET) ? ' ✗' : '';
    lines.push(
      `| ${kind}${flag} | ${t.decisions} | ${fmt(p)} | ${fmt(r)} | ${t.decisions ? ((t.unsure / t.decisions) * 100).toFixed(0) : 0}% |`,
    );
  }
  return lines;
}

const { values } = parseArgs({ options: { misses: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
const corpora = [
  loadCorpus('真实页面（../shared/real-pages）', REAL_PAGES_DIR),
  loadCorpus('仿真实页面的夹具（test/fixtures/real-modelled）', MODELLED_DIR),
];
const results = corpora.map((c) => ({ corpus: c, tallies: measureCorpus(c) }));
if (values.json) {
  console.log(
    JSON.stringify(
      results.map((r) => ({
        corpus: r.corpus.name,
        pages: r.corpus.pages.length,
        kinds: Object.fromEntries([...r.tallies.byKind].map(([k, t]) => [k, { ...t, precision: precision(t), recall: recall(t) }])),
      })),
      null,
      1,
    ),
  );
} else {
  for (const { corpus, tallies } of results) {
    console.log([`${table(`${corpus.name}：${corpus.pages.length} 页`, tallies.byKind).join('\n')}`, ''].join('\n'));
    if (values.misses) for (const [kind, t] of tallies.byKind) for (const m of t.misses) console.log(`  [${kind}] ${m}`);
  }
  const failing = results.flatMap((r) =>
    [...r.tallies.byKind].filter(([, t]) => (precision(t) ?? 1) < TARGET || (recall(t) ?? 1) < TARGET),
  );
  console.log(failing.length === 0 ? `全部类别精确率、召回率均不低于 ${TARGET}。` : `${failing.length} 个类别低于 ${TARGET}（✗）。`);
}
