import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/en';
import { zhCN } from '../../src-renderer/i18n/zh-CN';
import { zhTW } from '../../src-renderer/i18n/zh-TW';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => path.join(ROOT, dir, f));
}

/** Every message key main or the contract can send the renderer: errors raised and validation messages. */
function keysSent(): Set<string> {
  const keys = new Set<string>();
  for (const file of [...sources('src-main'), ...sources('src-shared')]) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['`]((?:errors|validation)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)['`]/g)) keys.add(m[1]!);
  }
  return keys;
}

// Bad input gets a clear, translated error: a key main sends that no dictionary has would show as a generic failure.
describe('the message keys main sends', () => {
  const keys = [...keysSent()].sort();

  it('are many (the scan works)', () => {
    expect(keys.length).toBeGreaterThan(60);
    expect(keys).toContain('errors.sync.demo_data');
  });

  it.each([
    ['简体中文', zhCN],
    ['繁體中文', zhTW],
    ['English', en],
  ])('are all in %s', (_name, dictionary) => {
    expect(keys.filter((k) => !(k in dictionary))).toEqual([]);
  });
});
