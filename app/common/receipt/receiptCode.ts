// The QR code on every receipt carries the payment's out_trade_no (layout.ts refundCode), so a
// refund starts from the receipt in the customer's hand (issue 9 item 13). A payment code is
// digits only; an order number starts with a letter (TR… in training, P… for takings).
const ORDER_NUMBER = /^[A-Za-z][A-Za-z0-9_]{5,63}$/;

/** The order number a scanned receipt QR carries, or null when the scan is something else. */
export function orderNumberFromScan(text: string): string | null {
  const t = text.trim();
  return ORDER_NUMBER.test(t) ? t : null;
}
