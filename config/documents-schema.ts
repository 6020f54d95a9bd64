import { z } from 'zod';

/**
 * `documents:` in the county config: what the office prints on its 公文 (GB/T 9704-2012) and what the tool cannot
 * know by itself. Every key is optional; what is absent is left out of the document, never invented.
 */
export const documentsSchema = z
  .object({
    // 发文机关全称 (title, 落款, 版记); default: <县名>人民政府办公室
    office: z.string().min(1).optional(),
    // 发文机关标志 (红头), e.g. 临猗县人民政府办公室; default: the office
    redHeader: z.string().min(1).optional(),
    // 发文字号 with {year} and {n}: 临政办函〔{year}〕{n}号; {n} is --number, or the month of the 通报
    docNumber: z.string().regex(/\{n\}/, '发文字号须含 {n}（序号）/ docNumber must contain {n}').optional(),
    // 主送机关; default: built from the units the inspection covered
    mainTo: z.string().min(1).optional(),
    copyTo: z.string().min(1).optional(), // 抄送
    printer: z.string().min(1).optional(), // 印发机关; default: the office
    contact: z
      .object({ name: z.string().min(1), phone: z.string().min(1) })
      .strict()
      .optional(), // 联系人、电话（附注）
    publicNote: z.string().default('此件公开发布'), // 附注：公开方式
    // the workspace address units use to report back (已整改 → 复查); named in the 整改通知单
    workspaceUrl: z.string().url('工作台地址须为 http(s) 网址 / workspaceUrl must be a URL').optional(),
  })
  .strict();

export type DocumentSettings = z.infer<typeof documentsSchema>;
