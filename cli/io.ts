export type CliIO = {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Binary output (ESC/POS, PNG) on standard output; absent where only text can go (tests). */
  outBytes?: (bytes: Uint8Array) => void;
  /** Standard output is a terminal: binary is refused there, and piped anywhere else. */
  outIsTerminal?: boolean;
};

const PRINTING = '[--format text|escpos|png] [--out FILE] [--print URL] [--paper 58|80] [--mode text|raster]';

/**
 * Every `pos` command: its module is cli/commands/<name>.ts exporting `run(argv, io): Promise<exitCode>`.
 * `usage` is what `pos <name> --help` prints (a module's own exported USAGE wins); every command
 * also takes --config FILE, and --json where it prints a result.
 */
export const COMMANDS: ReadonlyArray<{ name: string; summary: string; usage: string }> = [
  { name: 'pay', summary: "charge a payment code: --amount 12.34 --code <code> [--subject S] [--undiscountable 10.00] [--operator ID]; or show the till's QR code: --qr --amount 12.34 [--provider alipay|wechat] (same options)", usage: '--amount 12.34 --code CODE [--subject S] [--undiscountable 10.00] [--operator ID] [--config FILE] [--json]  |  --qr --amount 12.34 [--provider alipay|wechat] [--subject S] [--undiscountable 10.00] [--operator ID] [--qr-png FILE] [--config FILE] [--json]\n  --undiscountable: the part no promotion may touch (cigarettes…); Alipay gets it, WeChat Pay has no such field (journal and receipt only)\n  --operator: the cashier id (else the one signed in on screen)' },
  { name: 'query', summary: 'ask the gateway about a payment and update the journal: --out-trade-no X', usage: '--out-trade-no X [--config FILE] [--json]' },
  { name: 'refund', summary: 'refund all or part of a payment: --out-trade-no X --amount 3.00', usage: '--out-trade-no X --amount 3.00 [--again] [--operator ID] [--config FILE] [--json]' },
  { name: 'recover', summary: 'settle every payment whose outcome is not final yet', usage: '[--config FILE] [--json]' },
  { name: 'report', summary: "the day's takings by provider and status: [--date YYYY-MM-DD]", usage: `[--date YYYY-MM-DD] [--kind X|Z] ${PRINTING} [--config FILE] [--json]` },
  { name: 'reconcile', summary: "match the provider's day bill with the journal: --date YYYY-MM-DD [--provider alipay|wechat]", usage: '--date YYYY-MM-DD [--provider alipay|wechat] [--csv FILE] [--config FILE] [--json]' },
  { name: 'gateway-sim', summary: 'the training gateway on 127.0.0.1: [--provider alipay|wechat] [--port N]', usage: '[--provider alipay|wechat] [--port N] [--data-dir D] [--pays-after-ms N] [--slow-answer-ms N]' },
  { name: 'scan-replay', summary: 'run the keyboard-wedge detector over a keystroke recording: FILE', usage: 'FILE [--idle-ms N] [--explain] …' },
  { name: 'scan-listen', summary: 'print each scanned code with its classification: --source hid|serial [--path P]', usage: '--source hid|serial [--path P] …' },
  { name: 'print-test', summary: 'print a test page: --printer tcp://HOST:9100 | serial:/dev/ttyUSB0 | usb:/dev/usb/lp0', usage: '--printer URL [--config FILE] …' },
  { name: 'receipt', summary: 'write a receipt for inspection: --out-trade-no X --format text|escpos|png', usage: `--out-trade-no X [--out-request-no R] [--reprint] ${PRINTING} [--config FILE] [--json]\n  escpos and png go to --out FILE, or to standard output when it is piped (never to a terminal)` },
  { name: 'sync', summary: 'push this till\'s journal to head office (PostgreSQL): [--once]', usage: '[--once] [--config FILE] [--json]' },
  { name: 'hq', summary: 'head office: migrate (create/upgrade its schema) | report [--date D] [--store S] | reconcile [--date D] (one bill, every till)', usage: 'migrate|report|reconcile [--postgres URL] [--password-file FILE] [--date D] [--store S] [--training] [--config FILE] [--json]' },
  { name: 'settings', summary: 'set the manager PIN that confirms a change of merchant credentials: set-pin', usage: 'set-pin [--data-dir D] [--config FILE]   (the PIN is read from standard input)' },
  { name: 'serve', summary: 'browser mode: serve the till on 127.0.0.1: [--port N]', usage: '[--port N] [--data-dir D] [--config FILE]' },
  { name: 'start', summary: 'open the till (Electron; browser mode where Electron cannot run)', usage: '[--port N] [--browser] [--config FILE]' },
];

/** `pos <name> --help` (or -h) anywhere on the line. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
