import { describe, it, expect } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import type { AttachmentObservation } from '../store/index.ts';
import { idCheckChar } from '../checks/content/pii.ts';
import { attachment as attachmentOf, detail, makeConfig, makeCtx, unitObs } from './fixtures/checks/build.ts';

const config = makeConfig([{ id: 'mzj', name: '民政局', class: 'B', home: 'http://portal.test/zwgk/mzj/' }]);
const unit = config.units[0];
const ctx = makeCtx(config);
const check = CHECKS.find((c) => c.id === 'privacy.exposure')!;

const id = (first17: string) => first17 + idCheckChar(first17);
const A = id('14082119700101123');
const B = id('14082119851212456');
const C = id('14082119930505789');
const wrongCheck = (v: string) => v.slice(0, 17) + (v[17] === '1' ? '2' : '1');
const HEADER = ['序号', '姓名', '身份证号码', '联系电话'];

const attachment = (over: Partial<AttachmentObservation>) => attachmentOf('mzj', over);

describe('privacy.exposure', () => {
  it('a list of named people with full ID numbers in an attachment: one high-confidence finding, everything masked', () => {
    const rows = [
      ['1', '王建国', A, '13812345678'],
      ['2', '李秀英', B, '13923456789'],
    ];
    const obs = unitObs(unit, {
      attachments: [attachment({ tables: [{ sheet: '名单', headers: HEADER, rows }], text: rows.map((r) => r.join('\t')).join('\n') })],
    });
    const f = check.run(ctx, unit, obs);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      checkId: 'privacy.exposure',
      confidence: 'high',
      monthly: true,
      column: 'policies',
      subject: `${A.slice(0, 6)}********${A.slice(14)}（救助名单.xls）`,
    });
    expect(f[0].title).toContain('2 个身份证号');
    expect(f[0].title).toContain('2 个手机号码');
    expect(f[0].evidence[0].url).toBe('http://portal.test/zwgk/mzj/f/名单.xls');
    const shown = JSON.stringify(f);
    for (const raw of [A, B, '13812345678', '13923456789', '王建国']) expect(shown).not.toContain(raw);
    expect(f[0].evidence[0].excerpt).toContain('王**');
    expect(f[0].evidence[0].excerpt).toContain('138****5678');
  });

  it('near-misses give nothing: masked values, 18 digits failing the check digit, a contact mobile in prose', () => {
    const masked = [['1', '王建国', `${A.slice(0, 6)}********${A.slice(14)}`, '138****5678']];
    const bad = [['1', '道路硬化项目', wrongCheck(A), '20']];
    const obs = unitObs(unit, {
      details: [detail('mzj', 'policies', '关于开展救助工作的通知', `咨询电话：13812345678（王老师）。项目编号 ${wrongCheck(B)}。`)],
      attachments: [
        attachment({ url: 'http://portal.test/f/m.xls', tables: [{ sheet: null, headers: HEADER, rows: masked }] }),
        attachment({
          url: 'http://portal.test/f/b.docx',
          format: 'docx',
          tables: [{ sheet: null, headers: ['序号', '项目名称', '项目编号', '资金'], rows: bad }],
          text: bad[0].join('\t'),
        }),
      ],
    });
    expect(check.run(ctx, unit, obs)).toEqual([]);
  });

  it('a single valid-looking number in prose with no label goes to a person (low); with the label it is high', () => {
    const lone = unitObs(unit, { details: [detail('mzj', 'policies', '通知', `编号 ${A} 的申请已受理。`)] });
    expect(check.run(ctx, unit, lone)[0].confidence).toBe('low');
    const labelled = unitObs(unit, { details: [detail('mzj', 'policies', '通知', `申请人张三，身份证号：${A}。`)] });
    expect(check.run(ctx, unit, labelled)[0].confidence).toBe('high');
  });

  it('reads ID numbers wrapped across lines in a PDF cell', () => {
    const text = `序号 姓名 身份证号码\n1 王建国 ${A.slice(0, 11)}\n${A.slice(11)}\n2 李秀英 ${B.slice(0, 11)}\n${B.slice(11)}\n3 张志强 ${C}`;
    const f = check.run(
      ctx,
      unit,
      unitObs(unit, { attachments: [attachment({ format: 'pdf', url: 'http://portal.test/f/名单.pdf', text })] }),
    );
    expect(f).toHaveLength(1);
    expect(f[0].title).toContain('3 个身份证号');
    expect(f[0].confidence).toBe('high');
  });

  it('an attachment that could not be read is no finding, and nothing is said of an unreachable unit', () => {
    const obs = unitObs(unit, { attachments: [attachment({ ok: false, error: '附件无法读取（xls）', text: A })] });
    expect(check.run(ctx, unit, obs)).toEqual([]);
  });
});
