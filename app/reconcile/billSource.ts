// Where a day's bill comes from: one implementation per provider. A source fetches the file as the
// provider serves it and says how to read it; the caller keeps the raw bytes before reading them.
import type { BillProvider, BillReading } from './billLine.ts';

export type FetchedBill = {
  bytes: Uint8Array;
  /** File name extension for the raw copy: "csv.zip" (Alipay), "csv.gz" (WeChat). */
  ext: string;
  /** Opens the bytes for reading; throws BILL_INVALID for any flaw, here or while the lines are read. */
  parse(): BillReading;
};

export interface BillSource {
  readonly provider: BillProvider;
  fetch(day: string): Promise<FetchedBill>;
}

/** A bill download is a file, not an answer: big enough for a busy day, small enough to refuse a runaway. */
export const MAX_BILL_BYTES = 200 * 1024 * 1024;

export type Download = { ok: true; bytes: Uint8Array } | { ok: false; why: string };

/** GET `url` within `timeoutMs`; any failure is reported, never thrown, so the caller can ask for a fresh link. */
export async function download(url: string, timeoutMs: number, headers: Record<string, string> = {}): Promise<Download> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    if (res.status !== 200) return { ok: false, why: `HTTP ${res.status} from the bill download` };
    const length = Number(res.headers.get('content-length') ?? '0');
    if (length > MAX_BILL_BYTES) return { ok: false, why: `the bill download is ${length} bytes, over ${MAX_BILL_BYTES}` };
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.length > MAX_BILL_BYTES) return { ok: false, why: `the bill download is ${bytes.length} bytes, over ${MAX_BILL_BYTES}` };
    return { ok: true, bytes };
  } catch (e) {
    return { ok: false, why: `the bill download failed: ${(e as Error).message}` };
  }
}
