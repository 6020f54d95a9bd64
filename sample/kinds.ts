// The sample portal's variety axes (CMS style, page encoding, interpretation form): read by the content model and the
// gap plan alike, so they stand on their own and neither imports the other.
// 'jsp': a 党政 portal on a JSP CMS (test/fixtures/real-modelled/pages/jsp-pager-pageno-list.html: 页次：1/N, pageNo links)
export type Style = 'trs' | 'wcm' | 'epoint' | 'hanweb' | 'kpy' | 'jsp';
export type Encoding = 'utf-8' | 'gbk' | 'gb18030';
export type InterpForm = '文字' | '图解' | '视频' | '问答' | 'H5';
