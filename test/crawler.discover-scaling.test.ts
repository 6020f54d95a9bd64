import { describe, it, expect } from 'vitest';
import { discoverColumns } from '../crawler/discover.ts';

// Issue 15: column discovery asked every text-less link's block for its heading with a subtree search (a home with
// 3,000 such links cost 90 s of CPU; 1k/2k/4k links took 3/20/151 s). It must grow linearly with the page.
function homeWith(links: number): string {
  const items = Array.from({ length: links }, (_, i) => `<li><span></span><a href="/u/c${i}/"><img src="i.png"></a></li>`).join('');
  return `<html><body><div class="main"><div class="box"><ul>${items}</ul></div></div>
    <div class="col"><h3>政府信息公开指南</h3><a href="/u/zn/">更多>></a></div></body></html>`;
}

describe('column discovery on a page of thousands of text-less links', () => {
  it('4,000 links take well under a few seconds, and a 更多 link still takes its block heading', () => {
    discoverColumns(homeWith(10), 'http://127.0.0.1:1/u/'); // vocabulary loaded outside the timing
    const started = performance.now();
    const cols = discoverColumns(homeWith(4000), 'http://127.0.0.1:1/u/');
    const ms = performance.now() - started;
    expect(cols.find((c) => c.key === 'guide')).toMatchObject({ url: 'http://127.0.0.1:1/u/zn/', label: '政府信息公开指南' });
    expect(ms).toBeLessThan(4000);
  });
});
