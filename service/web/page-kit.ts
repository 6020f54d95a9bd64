// What every page route shares: the layout with the logged-in user and the flash message, the 404 page, form reading.
import type { Context } from 'hono';
import type { ServiceContext } from '../context.ts';
import type { AuthEnv } from './auth.ts';
import { unitName } from './data.ts';
import { layout, type LayoutUser } from './html.ts';

const FLASH: Record<string, string> = {
  confirm: '已确认该问题。',
  dismiss: '已驳回该问题。',
  adjust: '已调整该问题。',
  rectify: '已提交整改说明，已排队复查该单位栏目。',
  selfcheck: '已申请自查，完成后结果会显示在本页。',
  manual: '已保存录入。',
  recheck: '复查队列已开始处理。',
  reports: '报告已重新生成。',
};

// ?error= carries one of these codes, never text: a link from anywhere must not put words on our pages
const FLASH_ERROR: Record<string, string> = {
  'no-run': '还没有完成的全覆盖检查。',
  'rectify-url': '请填写整改后页面的网址（http:// 或 https:// 开头）。',
  'selfcheck-busy': '本单位已有一次自查在排队或进行中，完成后才能再次申请。',
  'selfcheck-limit': '本单位今天的自查次数已用完，请明天再申请。',
};

type Page = Response | Promise<Response>;

export interface PageKit {
  /** `error` (a validation message of our own) is shown in place of a ?error= code. */
  render: (c: Context<AuthEnv>, title: string, body: string, status?: 200 | 400 | 403 | 404, error?: string) => Page;
  notFound: (c: Context<AuthEnv>) => Page;
}

export function pageKit(ctx: ServiceContext): PageKit {
  const who = (c: Context<AuthEnv>): LayoutUser | null => {
    const s = c.get('session');
    return s ? { user: s.user, csrfToken: s.csrfToken, unitName: s.user.unitId ? unitName(ctx, s.user.unitId) : undefined } : null;
  };
  const flash = (c: Context<AuthEnv>): { ok?: string; error?: string } => {
    const error = FLASH_ERROR[c.req.query('error') ?? ''];
    return { ok: FLASH[c.req.query('ok') ?? ''], error: error ? '操作未完成：' + error : undefined };
  };
  const render: PageKit['render'] = (c, title, body, status = 200, error) =>
    c.html(layout(title, body, who(c), error ? { error: '操作未完成：' + error } : flash(c)), status);
  return { render, notFound: (c) => render(c, '未找到', '<p>页面不存在，或您无权查看。</p>', 404) };
}

/** The string fields of a posted form (files and repeated fields are dropped). */
export async function formText(c: Context<AuthEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

/** A number typed into a form, null when left empty. */
export function formNumber(v: string | undefined): number | null {
  return v === undefined || v.trim() === '' ? null : Number(v);
}

/** The CSRF token of the logged-in session, for forms on the page (routes behind the role middleware only). */
export function csrfOf(c: Context<AuthEnv>): string {
  return c.get('session')!.csrfToken;
}
