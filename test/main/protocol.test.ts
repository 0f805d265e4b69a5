import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, createAppProtocolHandler, fileForUrl, registerAppScheme } from '../../main/protocol.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** dist/renderer with a page and a script, beside a secret the protocol must never serve. */
function site() {
  const dir = tempDir('till-protocol-');
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="./assets/index.js"></script>');
  writeFileSync(join(root, 'customer.html'), '<!doctype html><title>customer</title>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.pem'), '-----BEGIN PRIVATE KEY-----');
  mkdirSync(join(dir, 'renderer-evil'));
  writeFileSync(join(dir, 'renderer-evil', 'x.html'), 'sibling with a shared prefix');
  return { root, handler: createAppProtocolHandler({ rootDir: root }) };
}

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name!, values.join(' ')];
  }));
}

describe('the app://pos protocol', () => {
  it('serves the renderer’s files with their types and the strict CSP', async () => {
    const { handler } = site();
    const page = await handler(new Request('app://pos/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<!doctype html>');
    const script = await handler(new Request('app://pos/assets/index.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await handler(new Request('app://pos/'))).status).toBe(200);
    expect((await handler(new Request('app://pos/customer.html'))).status).toBe(200);
  });

  it('has a CSP that allows only the till’s own scripts and nothing inline, eval’d, framed or plugged in', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(d.get('default-src')).toBe("'self'");
    expect(d.get('script-src')).toBe("'self'");
    expect(d.get('connect-src')).toBe("'self'");
    expect(d.get('img-src')).toBe("'self' data:");
    expect(d.get('object-src')).toBe("'none'");
    expect(d.get('base-uri')).toBe("'none'");
    expect(d.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|\*|https?:/);
  });

  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']) {
    it(`refuses ${method}`, async () => {
      const { handler } = site();
      const r = await handler(new Request('app://pos/index.html', { method }));
      expect(r.status).toBe(405);
      expect(r.headers.get('allow')).toBe('GET');
    });
  }

  const traversals = [
    'app://pos/../secret.pem',
    'app://pos/%2e%2e/secret.pem',
    'app://pos/%2E%2E/secret.pem',
    'app://pos/assets/..%2f..%2fsecret.pem',
    'app://pos/..%5csecret.pem',
    'app://pos/assets/%2e%2e/%2e%2e/secret.pem',
    'app://pos/%2e%2e%2frenderer-evil/x.html',
    'app://pos/C:%5cWindows%5cwin.ini',
    'app://pos/index.html%00.png',
    'app://pos/%E0%A4%A',
  ];
  for (const url of traversals) {
    it(`does not serve anything outside the renderer folder for ${url}`, async () => {
      const { handler, root } = site();
      const file = fileForUrl(root, url);
      expect(file === null || file.startsWith(root + sep), String(file)).toBe(true);
      const r = await handler(new Request(url));
      expect(r.status).toBe(404);
      expect(await r.text()).not.toContain('PRIVATE KEY');
    });
  }

  it('serves only the pos host of the app scheme', async () => {
    const { handler, root } = site();
    expect((await handler(new Request('app://evil/index.html'))).status).toBe(404);
    expect(fileForUrl(root, 'app://user:pw@pos/index.html')).toBeNull();
    expect(fileForUrl(root, 'file:///etc/passwd')).toBeNull();
    expect(fileForUrl(root, 'https://pos/index.html')).toBeNull();
  });

  it('answers 404 for a file that is not there', async () => {
    const { handler } = site();
    expect((await handler(new Request('app://pos/nope.js'))).status).toBe(404);
    expect((await handler(new Request('app://pos/assets'))).status).toBe(404);
  });

  it('registers app: as a standard, secure scheme, so pages get an origin and ES modules load', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s) => void registered.push(...s) });
    expect(registered).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  });
});
