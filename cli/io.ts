export type CliIO = { out: (text: string) => void; err: (text: string) => void };

/** Every `pos` command: its module is cli/commands/<name>.ts exporting `run(argv, io): Promise<exitCode>`. */
export const COMMANDS: ReadonlyArray<{ name: string; summary: string }> = [
  { name: 'pay', summary: 'charge a payment code: --amount 12.34 --code <code> [--subject S]' },
  { name: 'query', summary: 'ask the gateway about a payment and update the journal: --out-trade-no X' },
  { name: 'refund', summary: 'refund all or part of a payment: --out-trade-no X --amount 3.00' },
  { name: 'recover', summary: 'settle every payment whose outcome is not final yet' },
  { name: 'report', summary: "the day's takings by provider and status: [--date YYYY-MM-DD]" },
  { name: 'gateway-sim', summary: 'the training gateway on 127.0.0.1: [--port N]' },
  { name: 'scan-replay', summary: 'run the keyboard-wedge detector over a keystroke recording: FILE' },
  { name: 'scan-listen', summary: 'print each scanned code with its classification: --source hid|serial [--path P]' },
  { name: 'print-test', summary: 'print a test page: --printer tcp://HOST:9100 | serial:/dev/ttyUSB0 | usb:/dev/usb/lp0' },
  { name: 'receipt', summary: 'write a receipt for inspection: --out-trade-no X --format text|escpos|png' },
  { name: 'serve', summary: 'browser mode: serve the till on 127.0.0.1: [--port N]' },
  { name: 'start', summary: 'open the till (Electron; browser mode where Electron cannot run)' },
];
