// The layering rule is the judge of design.md's arrows: prove it refuses each wrong import and
// accepts the allowed ones, through ESLint itself.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { violation } from '../../eslint/layering.js';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function lint(file: string, source: string): Promise<string[]> {
  const [r] = await eslint.lintText(source, { filePath: file });
  return r!.messages.filter((m) => m.ruleId === 'local/layering').map((m) => m.message);
}

describe('layering rule', () => {
  it.each([
    ['app/common/x.ts', "import fs from 'node:fs';", /must stay pure/],
    ['app/common/x.ts', "import { z } from 'zod';", /may not import the package zod/],
    ['app/common/x.ts', "import { Checkout } from '../checkout/Checkout.ts';", /may not import app\/checkout/],
    ['app/x.ts', "import { app } from 'electron';", /may not import the package electron/],
    ['app/x.ts', "import React from 'react';", /package react/],
    ['app/x.ts', "import HID from 'node-hid';", /package node-hid/],
    ['app/x.ts', "import { S } from '../native/scanner/x.ts';", /may not import native/],
    ['renderer/x.tsx', "import { Checkout } from '../app/checkout/Checkout.ts';", /may not import app\/checkout/],
    ['renderer/x.tsx', "import Database from 'better-sqlite3';", /package better-sqlite3/],
    ['renderer/x.tsx', "import { ipcRenderer } from 'electron';", /package electron/],
    ['cli/x.ts', "import { app } from 'electron';", /package electron/],
    ['native/x.ts', "import { w } from '../main/window.ts';", /may not import main/],
    ['app/x.ts', "const m = await import('electron');", /package electron/],
  ])('refuses in %s: %s', async (file, source, why) => {
    const messages = await lint(file, source);
    expect(messages.join('\n')).toMatch(why);
  });

  it.each([
    ['app/common/x.ts', "import { parseYuan } from './money.ts';"],
    ['app/x.ts', "import fs from 'node:fs'; import { z } from 'zod'; import { parseYuan } from './common/money.ts';"],
    ['renderer/x.tsx', "import { create } from 'zustand'; import { parseYuan } from '../app/common/money.ts';"],
    ['main/x.ts', "import { app } from 'electron'; import { openTill } from '../app/till.ts';"],
    ['test/x.ts', "import { app } from 'electron';"],
  ])('allows in %s: %s', async (file, source) => {
    expect(await lint(file, source)).toEqual([]);
  });

  it('is keyed on the folder, not the file name', () => {
    expect(violation('app/common/deep/nested.ts', 'node:crypto')).toMatch(/pure/);
    expect(violation('bench/x.ts', 'electron')).toBeNull();
  });
});
