// Turns a scanner's character stream (serial bytes, or keys decoded from HID keyboard reports) into
// whole codes. A code ends on a terminator, or on silence for scanners that send none; writes may
// split a code anywhere, and CRLF must not yield an empty second code (issue 3, item 4).

export type SerialSuffix = 'auto' | 'cr' | 'lf' | 'crlf' | 'tab' | 'none';

export const SUFFIX_TERMINATORS: Readonly<Record<SerialSuffix, string>> = {
  // ETX (0x03) is the frame end of scanners set to STX/ETX framing.
  auto: '\r\n\t\u0003',
  cr: '\r',
  lf: '\n',
  crlf: '\r\n',
  tab: '\t',
  none: '',
};

export class LineAssembler {
  readonly #terminators: string;
  #pending = '';

  constructor(suffix: SerialSuffix = 'auto') {
    this.#terminators = SUFFIX_TERMINATORS[suffix];
  }

  /** True while part of a code is waiting for its end. */
  get hasPending(): boolean {
    return this.#pending !== '';
  }

  /** Feeds text (bytes as latin1); returns the codes it completed. */
  push(text: string): string[] {
    const codes: string[] = [];
    for (const ch of text) {
      if (this.#terminators.includes(ch)) {
        if (this.#pending !== '') codes.push(this.#pending);
        this.#pending = '';
      } else if (ch >= ' ' && ch !== '\u007f') {
        // Other control bytes (STX, a stray LF after a CR terminator) are framing, not code.
        this.#pending += ch;
      }
    }
    return codes;
  }

  /** Called after the idle gap: what has arrived is the whole code. */
  flush(): string | null {
    const code = this.#pending;
    this.#pending = '';
    return code === '' ? null : code;
  }
}
