// The afterPack step that sets the Electron fuses (build/fuses.mjs), run on synthetic binaries: random bytes around a
// fuse wire laid out as @electron/fuses reads it from a real Electron build.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import setFuses, { FUSES, electronPaths, flipElectronFuses } from '../../build/fuses.mjs';

// node_modules/@electron/fuses/dist/constants.js; the wire follows it: version byte (1), length byte, one byte per fuse.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);

// A 9-fuse wire like Electron 40's, at the states Electron ships (each of our six starts the other way). The 9th,
// WasmTrapHandlers, is newer than @electron/fuses 1.x: it must be left alone.
const ELECTRON_DEFAULTS = '101100011';

const EXPECTED: Record<string, 'on' | 'off'> = {
  RunAsNode: 'off',
  EnableNodeOptionsEnvironmentVariable: 'off',
  EnableNodeCliInspectArguments: 'off',
  EnableCookieEncryption: 'on',
  EnableEmbeddedAsarIntegrityValidation: 'on',
  OnlyLoadAppFromAsar: 'on',
};

function wire(fuses = ELECTRON_DEFAULTS, version = 1): Buffer {
  return Buffer.concat([Buffer.from(SENTINEL, 'latin1'), Buffer.from([version, fuses.length]), Buffer.from(fuses, 'latin1')]);
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchdesk-fuses-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeBinary(file: string, ...wires: Buffer[]): Buffer {
  const parts: Buffer[] = [randomBytes(4096)];
  for (const w of wires) parts.push(w, randomBytes(4096));
  const bytes = Buffer.concat(parts);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return bytes;
}

/** Offset of fuse `index` of the first wire in `bytes`. */
const fuseOffset = (bytes: Buffer, index: number) => bytes.indexOf(SENTINEL, 0, 'latin1') + SENTINEL.length + 2 + index;

async function readFuses(file: string): Promise<Record<string, 'on' | 'off' | number>> {
  const current = await getCurrentFuseWire(file);
  return Object.fromEntries(
    Object.keys(EXPECTED).map((name) => {
      // The raw byte: '0', '1', or 'r' (removed).
      const state: number | undefined = current[FuseV1Options[name as keyof typeof FuseV1Options]];
      return [name, state === ON ? 'on' : state === OFF ? 'off' : (state ?? -1)];
    }),
  );
}

describe('build/fuses.mjs', () => {
  it('chooses exactly the six fuses of the security checklist', () => {
    const chosen = Object.fromEntries(
      Object.entries(FUSES).map(([index, on]) => [FuseV1Options[Number(index) as FuseV1Options], on ? 'on' : 'off']),
    );
    expect(chosen).toEqual(EXPECTED);
  });

  it('sets the fuses in a binary with the sentinel and touches nothing else', async () => {
    const file = path.join(dir, 'electron');
    const before = writeBinary(file, wire());
    expect(await flipElectronFuses(file)).toBe(1);
    expect(await readFuses(file)).toEqual(EXPECTED);

    const after = fs.readFileSync(file);
    expect(after.length).toBe(before.length);
    const changed = [...after.keys()].filter((i) => after[i] !== before[i]);
    const fuseBytes = Object.keys(FUSES).map((index) => fuseOffset(before, Number(index)));
    expect(changed.every((i) => fuseBytes.includes(i))).toBe(true);
    // Fuses we do not choose (V8 snapshot, file protocol, WASM trap handlers) keep Electron's defaults.
    for (const index of [6, 7, 8]) expect(after[fuseOffset(after, index)]).toBe(ELECTRON_DEFAULTS.charCodeAt(index));

    // Running it again (electron-builder calls afterPack again on a universal macOS app) is harmless.
    await flipElectronFuses(file);
    expect(await readFuses(file)).toEqual(EXPECTED);
  });

  it('sets both wires of a universal macOS binary', async () => {
    const file = path.join(dir, 'universal');
    writeBinary(file, wire(), wire());
    expect(await flipElectronFuses(file)).toBe(2);
    const bytes = fs.readFileSync(file);
    const second = bytes.lastIndexOf(SENTINEL, undefined, 'latin1') + SENTINEL.length + 2;
    expect(bytes.subarray(second, second + 6).toString('latin1')).toBe('010011');
  });

  it('fails loudly on a binary without the sentinel', async () => {
    const file = path.join(dir, 'not-electron');
    writeBinary(file);
    await expect(flipElectronFuses(file)).rejects.toThrow(/sentinel/);
  });

  it('fails loudly on a fuse wire too short for the chosen fuses', async () => {
    const file = path.join(dir, 'old-electron');
    writeBinary(file, wire('1011'));
    await expect(flipElectronFuses(file)).rejects.toThrow(/not long enough/);
  });

  it('fails loudly on an unknown fuse wire version', async () => {
    const file = path.join(dir, 'future-electron');
    writeBinary(file, wire(ELECTRON_DEFAULTS, 2));
    await expect(flipElectronFuses(file)).rejects.toThrow(/version/);
  });

  describe('as the afterPack hook', () => {
    beforeEach(() => {
      vi.spyOn(console, 'log').mockImplementation(() => undefined);
    });
    afterEach(() => {
      vi.restoreAllMocks();
    });

    const packager = { appInfo: { productFilename: 'BranchDesk' }, executableName: 'branchdesk' };
    const layouts = [
      { platform: 'win32', binary: 'BranchDesk.exe', fuseFile: 'BranchDesk.exe', resources: 'resources' },
      {
        platform: 'darwin',
        binary: 'BranchDesk.app',
        fuseFile: 'BranchDesk.app/Contents/Frameworks/Electron Framework.framework/Electron Framework',
        resources: 'BranchDesk.app/Contents/Resources',
      },
      { platform: 'linux', binary: 'branchdesk', fuseFile: 'branchdesk', resources: 'resources' },
    ];

    it.each(layouts)('finds and sets the Electron binary on $platform', async (layout) => {
      const appOutDir = path.join(dir, `${layout.platform}-unpacked`);
      writeBinary(path.join(appOutDir, layout.fuseFile), wire());
      fs.mkdirSync(path.join(appOutDir, layout.resources), { recursive: true });
      fs.writeFileSync(path.join(appOutDir, layout.resources, 'app.asar'), 'asar');
      const context = { appOutDir, electronPlatformName: layout.platform, arch: 1, packager };

      expect(electronPaths(context).binary).toBe(path.join(appOutDir, layout.binary));
      await setFuses(context);
      // Read back through the path @electron/fuses is given (for macOS the .app: it opens the framework inside).
      expect(await readFuses(path.join(appOutDir, layout.binary))).toEqual(EXPECTED);
    });

    it('refuses an app without app.asar (OnlyLoadAppFromAsar would leave it unable to start)', async () => {
      const appOutDir = path.join(dir, 'no-asar');
      writeBinary(path.join(appOutDir, 'branchdesk'), wire());
      await expect(setFuses({ appOutDir, electronPlatformName: 'linux', arch: 1, packager })).rejects.toThrow(/asar/);
    });

    it('refuses an app whose Electron binary is missing or has no sentinel', async () => {
      const appOutDir = path.join(dir, 'broken');
      fs.mkdirSync(path.join(appOutDir, 'resources'), { recursive: true });
      fs.writeFileSync(path.join(appOutDir, 'resources', 'app.asar'), 'asar');
      const context = { appOutDir, electronPlatformName: 'linux', arch: 1, packager };
      await expect(setFuses(context)).rejects.toThrow(/no Electron binary/);
      writeBinary(path.join(appOutDir, 'branchdesk'));
      await expect(setFuses(context)).rejects.toThrow(/sentinel/);
    });
  });
});
