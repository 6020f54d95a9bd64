// Font names of the 公文 style (GB/T 9704-2012) with the fallbacks offices actually have installed.
// docx runs name the first font; Word/WPS substitute 仿宋_GB2312 → 仿宋 on systems without it.

export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  heading2: '楷体_GB2312',
  latin: 'Times New Roman',
} as const;

const CJK_FALLBACK_SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", serif';
const CJK_FALLBACK_SANS = '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

/** CSS font stacks for the HTML form of every report. */
export const CSS_FONT = {
  title: `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "宋体", "SimSun", ${CJK_FALLBACK_SERIF}`,
  body: `"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", ${CJK_FALLBACK_SERIF}`,
  heading: `"黑体", "SimHei", "STHeiti", ${CJK_FALLBACK_SANS}`,
  heading2: `"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", ${CJK_FALLBACK_SERIF}`,
} as const;

/** Font files for rendering charts to PNG without a browser (fonts-noto-cjk on Debian). */
export const CJK_FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
] as const;

export const CHART_FONT_FAMILY = 'Noto Sans CJK SC';
