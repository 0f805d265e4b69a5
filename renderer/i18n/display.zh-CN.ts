// The words of the customer display's settings (issue 9 item 15): the shop's logo. Spread into
// zh-CN.ts; kept apart so two people adding words do not edit the same lines.
export const displayZhCN = {
  'settings.shopLogo': '门店标志（顾客显示屏）',
  'settings.shopLogoHint': '本机上的 PNG 或 JPEG 文件完整路径，最大 256 KB（不接受 SVG）；留空则用配置文件的 shop.logoPath，没有时显示店名首字',
  'settings.shopLogoFromConfig': '当前来自配置文件：{path}',
} as const;
