// electron-builder `afterPack` hook (build/electron-builder.yml): sets the Electron fuses of the packaged app, so
// `npm run package` never ships Electron's permissive defaults. Fuses are bits baked into the Electron binary
// (https://www.electronjs.org/docs/latest/tutorial/fuses); flipping them here, after the app is laid out and before
// electron-builder signs it, keeps the signature valid. Any failure throws, and electron-builder stops: a package whose
// fuses could not be set must not ship.
// Plain Node (loaded by electron-builder through import()); types for the tests in fuses.d.mts.
/* global console -- a plain Node module, outside the typed project */
import fs from 'node:fs';
import path from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/**
 * The fuses we set, following Electron's security checklist. Fuses not listed keep Electron's default.
 * @type {Readonly<Partial<Record<FuseV1Options, boolean>>>}
 */
export const FUSES = Object.freeze({
  // OFF: with it on, ELECTRON_RUN_AS_NODE=1 turns the app's binary into a plain Node.js: anyone could run any script
  // with the app's identity, privileges, signature and (macOS) entitlements and granted permissions.
  [FuseV1Options.RunAsNode]: false,
  // ON: cookies on disk are encrypted with a key from the OS keystore (DPAPI, Keychain, libsecret/kwallet), so the
  // session cookies of the app cannot simply be copied out of the profile folder.
  [FuseV1Options.EnableCookieEncryption]: true,
  // OFF: NODE_OPTIONS (e.g. `--require evil.js`) would let whoever sets the environment inject code into the main
  // process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // OFF: --inspect / --inspect-brk would let another process attach a debugger to the main process and run code in it.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // ON: Electron checks app.asar against the hash electron-builder embeds at packaging time (Info.plist
  // ElectronAsarIntegrity on macOS, an ELECTRONASAR resource in the .exe on Windows) and refuses a modified archive.
  // Electron enforces it on macOS and Windows only; on Linux the fuse is a no-op.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // ON: the app is loaded only from app.asar, never from a loose resources/app folder or default_app.asar, so the
  // integrity check above cannot be bypassed by dropping files next to it. Needs `asar: true`.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
});

// builder-util's Arch enum (context.arch): the Electron builds that carry an arm64 macOS slice.
const ARCH_ARM64 = 3;
const ARCH_UNIVERSAL = 4;

const ENABLED = '1'.charCodeAt(0);
const DISABLED = '0'.charCodeAt(0);

/**
 * Flips FUSES in the Electron binary at `binaryPath` (for macOS, a path inside or to the `.app`: @electron/fuses then
 * edits `Electron Framework`), then reads them back. Throws when the binary has no fuse wire, a wire too short for
 * these fuses, or a fuse that did not take.
 * @param {string} binaryPath
 * @param {{ resetAdHocDarwinSignature?: boolean }} [options]
 * @returns {Promise<number>} how many fuse wires were set (2 in a universal macOS binary)
 */
export async function flipElectronFuses(binaryPath, { resetAdHocDarwinSignature = false } = {}) {
  const wires = await flipFuses(binaryPath, { version: FuseVersion.V1, resetAdHocDarwinSignature, ...FUSES });
  const wire = await getCurrentFuseWire(binaryPath);
  const wrong = Object.entries(FUSES)
    .filter(([index, on]) => wire[/** @type {FuseV1Options} */ (Number(index))] !== (on ? ENABLED : DISABLED))
    .map(([index]) => FuseV1Options[/** @type {FuseV1Options} */ (Number(index))]);
  if (wrong.length > 0) throw new Error(`fuses: ${wrong.join(', ')} did not take in ${binaryPath}`);
  return wires;
}

/**
 * Where electron-builder put the Electron binary and app.asar for this platform.
 * @param {{ appOutDir: string, electronPlatformName: string, packager: { appInfo: { productFilename: string }, executableName?: string } }} context
 * @returns {{ binary: string, asar: string }}
 */
export function electronPaths(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'win32':
      return { binary: path.join(appOutDir, `${name}.exe`), asar: path.join(appOutDir, 'resources', 'app.asar') };
    case 'darwin':
    case 'mas': {
      // The bundle itself: @electron/fuses finds Contents/Frameworks/Electron Framework.framework in it, and the ad-hoc
      // re-signing applies to the whole bundle.
      const app = path.join(appOutDir, `${name}.app`);
      return { binary: app, asar: path.join(app, 'Contents', 'Resources', 'app.asar') };
    }
    case 'linux': {
      if (!packager.executableName) throw new Error('fuses: the Linux packager has no executableName');
      return {
        binary: path.join(appOutDir, packager.executableName),
        asar: path.join(appOutDir, 'resources', 'app.asar'),
      };
    }
    default:
      throw new Error(`fuses: unknown platform ${electronPlatformName}`);
  }
}

/**
 * The afterPack hook.
 * @param {{ appOutDir: string, electronPlatformName: string, arch: number, packager: { appInfo: { productFilename: string }, executableName?: string } }} context
 */
export default async function setFuses(context) {
  const { binary, asar } = electronPaths(context);
  if (!fs.existsSync(binary)) throw new Error(`fuses: no Electron binary at ${binary}`);
  // OnlyLoadAppFromAsar makes an app without app.asar unable to start: refuse to package one.
  if (!fs.existsSync(asar)) throw new Error(`fuses: no ${asar}; OnlyLoadAppFromAsar needs \`asar: true\``);
  // Flipping fuses in the macOS framework breaks its signature; arm64 macOS refuses to run unsigned code, so re-sign
  // ad hoc (electron-builder signs again afterwards when it has an identity).
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  const resetAdHocDarwinSignature = isMac && (context.arch === ARCH_ARM64 || context.arch === ARCH_UNIVERSAL);
  const wires = await flipElectronFuses(binary, { resetAdHocDarwinSignature });
  const summary = Object.entries(FUSES)
    .map(([index, on]) => `${FuseV1Options[/** @type {FuseV1Options} */ (Number(index))]}=${on ? 'on' : 'off'}`)
    .join(' ');
  console.log(`  • fuses set  file=${binary} wires=${wires} ${summary}`);
}
