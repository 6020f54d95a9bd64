// Issue 17: each content-safety check id on the text of every attachment type the reader extracts (a PDF has no
// tables, only lines), with the evidence at the file; the compliant twin of the same file gives nothing.
import { describe, it, expect } from 'vitest';
import { CHECKS, type Finding } from '../checks/index.ts';
import { idCheckChar } from '../checks/content/pii.ts';
import { ATTACHMENT_FORMATS } from '../crawler/attachment-extract.ts';
import { attachment, makeConfig, makeCtx, unitObs } from './fixtures/checks/build.ts';

const config = makeConfig([{ id: 'mzj', name: '民政局', class: 'B', home: 'http://portal.test/zwgk/mzj/' }]);
const unit = config.units[0];
const ctx = makeCtx(config);
const IDS = ['14082119700101123', '14082119851212456', '14082119930505789'].map((s) => s + idCheckChar(s));
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;
const HEADER = ['序号', '姓名', '身份证号码', '联系电话'];
const NAMES = ['王建国', '李秀英', '张卫东'];

function file(format: string, leaky: boolean) {
  const rows = IDS.map((id, i) => [String(i + 1), NAMES[i], leaky ? id : masked(id), leaky ? `1381234567${i}` : `138****567${i}`]);
  const words = leaky
    ? '各村要认真布署救助工作，积极融入一带一路战略。友情链接：澳门赌场'
    : '各村要认真部署救助工作，积极参与“一带一路”倡议。规范用语：应为“部署”，而非“布署”。严厉打击赌博违法犯罪。';
  return attachment('mzj', {
    url: `http://portal.test/zwgk/mzj/f/名单${leaky ? '' : '-合规'}.${format}`,
    name: `救助名单.${format}`,
    format: format as never,
    text: `2023年城乡低保救助名单\n${HEADER.join('\t')}\n${rows.map((r) => r.join('\t')).join('\n')}\n${words}`,
    tables: format === 'pdf' ? [] : [{ sheet: null, headers: HEADER, rows }],
  });
}

const IDS_OF_CHECKS = ['content.typo', 'content.expression', 'content.sensitive', 'privacy.exposure'];
const findingsOf = (format: string, leaky: boolean): Finding[] => {
  const obs = unitObs(unit, { attachments: [file(format, leaky)] });
  return CHECKS.filter((c) => IDS_OF_CHECKS.includes(c.id)).flatMap((c) => c.run(ctx, unit, obs));
};

describe.each(ATTACHMENT_FORMATS.map((f) => [f]))('an attachment in %s', (format) => {
  it('gives one finding of each check id, at the file, with nothing unmasked', () => {
    const found = findingsOf(format, true);
    expect(found.map((f) => f.checkId).sort()).toEqual([...IDS_OF_CHECKS].sort());
    for (const f of found) {
      expect(f.evidence[0].url, f.checkId).toBe(`http://portal.test/zwgk/mzj/f/名单.${format}`);
      expect(f.evidence[0].place, f.checkId).toContain(`附件“救助名单.${format}”`);
    }
    const privacy = found.find((f) => f.checkId === 'privacy.exposure')!;
    expect(privacy.confidence).toBe('high');
    for (const id of IDS) expect(JSON.stringify(found)).not.toContain(id);
  });

  it('its compliant twin (masked list, right words, a quoted correction, a guard phrase) gives nothing', () => {
    expect(findingsOf(format, false)).toEqual([]);
  });
});
