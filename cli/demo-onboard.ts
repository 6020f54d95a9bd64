// The demo's first step, as for a real county: from the portal address and the plan's 附件1 to a config (zwgk init),
// then zwgk doctor on it. Homes and accounts found by init replace the prepared sample config's; the office's
// own additions (unit ids the planted truth is keyed by, 重点领域 beyond the rubric) stay as the prepared config has them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountyConfig } from '../config/index.ts';

interface DemoOnboarding {
  config: CountyConfig;
  files: string[];
}

export async function onboardSampleCounty(input: {
  origin: string;
  prepared: CountyConfig;
  asOf: string;
  outDir: string;
}): Promise<DemoOnboarding> {
  const { runInit, diagnoseConfig, doctorTable, doctorHtml, textTable } = await import('../onboard/index.ts');
  const { parseCountyConfig } = await import('../config/index.ts');
  const { SAMPLE_PLAN_UNITS_PATH } = await import('../sample/index.ts');
  const dir = join(input.outDir, 'init');
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, 'county.yaml');
  const portal = `${input.origin}/`;
  process.stderr.write(`zwgk init --portal ${portal} --units 附件1 --out ${configFile}\n`);
  const init = await runInit({
    portal,
    unitsFile: SAMPLE_PLAN_UNITS_PATH,
    out: configFile,
    politeness: input.prepared.politeness,
    today: input.asOf,
  });
  const tableFile = join(dir, 'init-table.txt');
  writeFileSync(
    tableFile,
    `${textTable(
      ['单位', '网址', '得分', '依据'],
      init.rows.map((r) => [r.name, r.url ?? '（需人工确认）', r.score?.toFixed(2) ?? '', r.reason]),
      [24, 48, 4, 80],
    )}\n`,
  );
  const matched = init.rows.filter((r) => r.status === 'matched');
  const found = parseCountyConfig(init.yaml, configFile);
  const byName = new Map(found.units.map((u) => [u.name, u]));
  let sameHome = 0;
  const units = input.prepared.units.map((u) => {
    const f = byName.get(u.name);
    if (!f) return u;
    if (f.home === u.home) sameHome++;
    return { ...u, home: f.home, newMedia: f.newMedia };
  });
  process.stdout.write(
    [
      `从门户地址开始：zwgk init 按附件1 的 ${init.rows.length} 个单位在门户上匹配到 ${matched.length} 个（与示例门户实际主页一致 ${sameHome} 个）；`,
      `门户导航中另有 ${init.leftovers.length} 个条目不在名单中，未作为单位写入：${init.leftovers.map((l) => l.entry.text).join('、') || '无'}。`,
      matched.length < init.rows.length
        ? `未匹配的单位沿用示例配置：${init.rows
            .filter((r) => r.status !== 'matched')
            .map((r) => r.name)
            .join('、')}。`
        : '',
    ]
      .filter(Boolean)
      .join('\n') + '\n',
  );
  const config: CountyConfig = { ...input.prepared, units };
  const diagnosis = await diagnoseConfig(config, input.asOf);
  const doctorText = join(dir, 'doctor.txt');
  const doctorPage = join(dir, 'doctor.html');
  writeFileSync(doctorText, `${doctorTable(diagnosis)}\n`);
  writeFileSync(doctorPage, doctorHtml(diagnosis));
  const blocked = diagnosis.units.filter((u) => u.blockers.length);
  process.stdout.write(
    `zwgk doctor：${blocked.length === 0 ? '全部单位需要的页面都能读取' : `${blocked.length} 个单位有需要处理的事项：${blocked.map((u) => `${u.name}（${u.blockers.length} 项）`).join('、')}`}，详见 ${doctorPage}\n\n`,
  );
  return { config, files: [configFile, tableFile, doctorText, doctorPage] };
}
