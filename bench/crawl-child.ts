import { readFileSync } from 'node:fs';
import { bareLoop, ours, crawlee, linkinator } from './crawl-modes.ts';

const [mode, inputFile] = process.argv.slice(2);
const input = JSON.parse(readFileSync(inputFile, 'utf8'));
const run = async () => {
  switch (mode) {
    case 'bare': return bareLoop(input.seeds, input.concurrency);
    case 'ours': {
      // as the zwgk command does (cli/main.ts)
      if (!process.env.ZWGK_BENCH_DEFAULT_HEAP) (await import('../cli/runtime.ts')).limitHeapGrowth();
      return ours(input.config, input.dbPath);
    }
    case 'crawlee': return crawlee(input.seeds, input.concurrency);
    case 'linkinator': return linkinator(input.seeds, input.concurrency);
    default: throw new Error(`unknown mode ${mode}`);
  }
};
run().then((r) => {
  const cpu = process.cpuUsage();
  process.stdout.write(`\n${JSON.stringify({ ...r, cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10 })}\n`);
  process.exit(0);
}, (e) => {
  console.error(e);
  process.exit(1);
});
