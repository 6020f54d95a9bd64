// Builders for site-level check inputs in tests.
import type { IndicatorTable } from '../../config/index.ts';
import { loadIndicatorTable } from '../../config/index.ts';
import type { SiteCheckInput, SiteRef } from '../../checks/index.ts';
import type { ProbeRecord, SiteFacts, SiteObservation } from '../../store/index.ts';

export const SITE: SiteRef = { id: 'portal', name: '某县人民政府门户网站', home: 'https://www.mx.gov.cn/', kind: '门户', unitId: null };

/** n probes spread over the 7 days ending asOf (Shanghai), the first `failed` of them failing with a timeout. */
export function probesOver(asOf: string, n: number, failed: number, extra: Partial<ProbeRecord> = {}): ProbeRecord[] {
  const end = Date.parse(`${asOf}T00:00:00+08:00`) + 86_400_000;
  const step = (7 * 86_400_000) / n;
  return Array.from({ length: n }, (_, i) => ({
    siteId: 'portal',
    at: new Date(end - 7 * 86_400_000 + step * i + step / 2).toISOString(),
    source: 'probe' as const,
    ok: i >= failed,
    status: i >= failed ? 200 : null,
    errorClass: i >= failed ? null : ('timeout' as const),
    networkDown: false,
    referenceChecked: true,
    elapsedMs: 300,
    bytes: 20_000,
    message: null,
    ...extra,
  }));
}

const FULL_FACTS: SiteFacts = {
  title: '某县人民政府',
  siteCode: { value: '1234000001', where: 'text', excerpt: '网站标识码：1234000001' },
  icp: { value: '晋ICP备00000001号', where: 'text', excerpt: '晋ICP备00000001号' },
  police: { value: '14000002000001', where: 'image', excerpt: '' },
  sponsor: { value: '某县人民政府办公室', where: 'text', excerpt: '' },
  organizer: null,
  contact: { value: '0359-1234567', where: 'text', excerpt: '' },
  conac: { value: null, where: 'image', excerpt: '党政机关网站标识' },
  footerFound: true,
  scriptFooter: false,
  search: { value: null, where: 'text', excerpt: '' },
  errorReport: { value: null, where: 'link', excerpt: '' },
  datedItems: [],
  undatedLinks: 0,
  navigationLinks: [],
};

export function observation(facts: Partial<SiteFacts> = {}, over: Partial<SiteObservation> = {}): SiteObservation {
  return {
    siteId: 'portal',
    runId: null,
    observedAt: '2023-11-24T02:00:00.000Z',
    homeUrl: SITE.home,
    finalUrl: SITE.home,
    ok: true,
    status: 200,
    errorClass: null,
    contentHash: 'abc',
    httpsOk: null,
    facts: { ...FULL_FACTS, ...facts },
    secondLevelPages: [],
    ...over,
  };
}

export function siteInput(over: Partial<SiteCheckInput> = {}, table: IndicatorTable = loadIndicatorTable()): SiteCheckInput {
  return {
    site: SITE,
    asOf: '2023-11-24',
    table,
    observation: observation(),
    probes: probesOver('2023-11-24', 140, 0),
    homeItems: [],
    homeReads: [],
    ...over,
  };
}
