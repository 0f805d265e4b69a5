// The words of a sale the customer pays by scanning the till's QR code (issue 11), key for key.
import type { qrZhCN } from './qr.zh-CN.ts';

export const qrEn: { readonly [K in keyof typeof qrZhCN]: string } = {
  'qr.key': 'Customer scans',
  'qr.keyHint': 'Code will not scan, or the customer prefers to scan: F10 shows the till\'s QR code',
  'qr.making': 'Making the QR code…',
  'qr.title': 'Customer: scan with {provider} to pay',
  'qr.hint': 'The QR code is on the customer display; the till notices the payment by itself',
  'qr.expiresIn': 'QR code expires in {seconds} s',
  'qr.closing': 'Closing the QR code, one moment… (a payment made meanwhile is refunded in full)',
  'qr.closingExpired': 'The QR code expired; closing it… (a payment made meanwhile is refunded in full)',
  'qr.waitingOut': 'The QR code is closed. {provider} has no order yet: it could still be scanned until it expires, so the till keeps checking until after it expires ({time}); a payment meanwhile is refunded in full',
  'qr.lateRefunding': 'The customer paid after the QR code was closed; refunding it in full…',
  'qr.result.expired': 'QR code expired — not paid',
  'qr.result.cancelled': 'QR code cancelled — not paid',
  'qr.result.lateRefunded': 'Paid after the cancel — refunded in full',
  'qr.result.lateRefunding': 'Paid after the cancel — full refund in progress',
  'qr.result.again': 'Take the payment again',
  'qr.cancel': 'Cancel the QR code',
  'qr.shop': 'Payee',
  'customer.qr': 'Scan with {provider} to pay',
  'customer.qrHint': 'Then confirm on your phone',
  'customer.qrExpiresIn': 'Valid for {seconds} s',
  'customer.reason.qrExpired': 'The QR code expired; nothing was charged',
  'customer.reason.qrCancelled': 'This payment was cancelled; nothing was charged',
  'customer.reason.lateRefund': 'The payment was cancelled; your money goes back in full the way you paid',
};
