import type { Check } from './context.ts';
import { runArticleElements } from './article-elements.ts';

export const guideIncomplete: Check = {
  id: 'guide.incomplete',
  family: 'guide',
  run(ctx, unit, obs) {
    return runArticleElements(ctx, unit, obs, {
      checkId: 'guide.incomplete',
      indicator: 'guide',
      columnKey: 'guide',
      columnLabel: '政府信息公开指南',
      elements: ctx.settings.elementDefinitions.guide,
      rule: '条例第十二条要求指南载明信息分类、编排体系、获取方式及工作机构名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式；考核方案另要求网站网址、政务新媒体账号、查阅场所地址',
    });
  },
};
