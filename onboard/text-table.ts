// A plain terminal table whose columns line up with Chinese text (wide characters take two cells).

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** Terminal control characters of crawled text are dropped: a link text must not move the cursor. */
export function plain(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

export function textTable(headers: string[], rows: string[][], maxWidths: number[] = []): string {
  const cut = (s: string, i: number) => {
    const max = maxWidths[i];
    let t = plain(s);
    if (!max || displayWidth(t) <= max) return t;
    while (displayWidth(`${t}…`) > max) t = t.slice(0, -1);
    return `${t}…`;
  };
  const cells = [headers, ...rows].map((r) => r.map(cut));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  return cells
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
