import type { Check } from './context.ts';
import { runArticleElements } from './article-elements.ts';

export const functionsIncomplete: Check = {
  id: 'functions.incomplete',
  family: 'functions',
  run(ctx, unit, obs) {
    return runArticleElements(ctx, unit, obs, {
      checkId: 'functions.incomplete',
      indicator: 'functions',
      columnKey: 'functions',
      columnLabel: '机构职能',
      elements: ctx.settings.elementDefinitions.functions,
      rule: '条例第二十条第二项要求主动公开机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
    });
  },
};
