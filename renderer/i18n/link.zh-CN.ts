// Words for a page the till refused to let in (try.md item 7): said plainly, with the way out.
export const linkZhCN = {
  'link.refused.title': '此地址已使用过，不能再打开收银台',
  'link.refused.titleSession': '此页面已失效，不能再连接收银台',
  'link.refused.why': '每个打印出的收银台地址只能打开一个页面，且只能用一次（安全要求）。',
  'link.refused.whySession': '收银台已重启（或此页面的会话已被取消），这个页面不能再连接。',
  'link.refused.how': '请打开运行 pos serve 的窗口里最新打印的地址（地址每被使用一次，就会打印一个新的）；若收银台已重启，请使用重启时打印的地址。',
  'link.refused.noPayment': '此页面没有发起任何收款，无需核实。',
} as const;
