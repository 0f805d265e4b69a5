// The renderer is served from app://pos/, not file://: a file:// page shares its origin with every
// file on the disk, while app://pos is one origin main can recognise (ipc.ts checks it) and whose
// every response carries the CSP below. Modelled on Actual's `protocol.handle('app')`, which also
// refuses non-GET requests and path traversal.
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { SchemeRegistryPort } from './ports.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'pos';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const mainPageUrl = `${APP_ORIGIN}/index.html`;
export const customerPageUrl = `${APP_ORIGIN}/customer.html`;

/**
 * Only the till's own files run, load and connect; nothing may frame it. No 'unsafe-inline' for
 * styles: Vite emits stylesheets as files and React sets `style` props through the CSSOM, which a
 * CSP does not govern. `data:` images are the payment QR codes and receipt previews.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

/** Must run before the app is ready: a standard, secure scheme gets an origin, fetch and ES modules. */
export function registerAppScheme(protocol: SchemeRegistryPort): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...extra } });
}

/**
 * The file under `rootDir` a URL names, or null when the URL is not ours or tries to leave the
 * folder. Every segment is checked after decoding, so `%2e%2e`, `%2f` and `..\` are caught even
 * where the URL parser left them alone.
 */
export function fileForUrl(rootDir: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username !== '' || u.password !== '') return null;
  const segments: string[] = [];
  for (const raw of u.pathname.split('/')) {
    if (raw === '') continue;
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // ':' stops Windows drive letters and NTFS streams; NUL stops truncation tricks.
    if (s === '.' || s === '..' || /[/\\:\0]/.test(s)) return null;
    segments.push(s);
  }
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rootDir);
  const file = resolve(root, ...segments);
  return file.startsWith(root + sep) ? file : null;
}

export type AppProtocolOptions = {
  /** dist/renderer: the built renderer. */
  rootDir: string;
  readFile?: (path: string) => Promise<Uint8Array>;
};

export function createAppProtocolHandler(o: AppProtocolOptions): (request: Request) => Promise<Response> {
  const read = o.readFile ?? ((p: string) => readFile(p));
  return async (request) => {
    if (request.method !== 'GET') return plain(405, 'method not allowed', { Allow: 'GET' });
    const file = fileForUrl(o.rootDir, request.url);
    if (file === null) return plain(404, 'not found');
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return plain(404, 'not found');
    }
    return new Response(body as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        // A new build must not be mixed with cached files of the old one.
        'Cache-Control': 'no-cache',
      },
    });
  };
}
