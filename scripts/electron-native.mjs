// Prepares what Electron needs on a developer or packaging machine (with internet), before `npm start` and
// `npm run package`; never part of `npm ci`, which stays offline-safe:
//   1. the Electron binary (its install script is denied in package.json "allowScripts", so `npm ci` never fails
//      offline);
//   2. better-sqlite3-multiple-ciphers built for Electron's ABI into .electron-native/, leaving the Node build in
//      node_modules for tests and the admin CLI. main.ts passes the result as `nativeBinding`.
// Plain Node, no dependencies. Env: ELECTRON_MIRROR (binary mirror, read by @electron/get),
// BRANCHDESK_ELECTRON_HEADERS_URL (headers mirror, default https://electronjs.org/headers).
/* global process, console -- a plain Node script, outside the typed project */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const moduleDir = path.join(root, 'node_modules', 'better-sqlite3-multiple-ciphers');
const outDir = path.join(root, '.electron-native');
const binary = path.join(outDir, 'build', 'Release', 'better_sqlite3.node');
const stampFile = path.join(outDir, 'stamp.json');

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

function fail(message) {
  console.error(`\nelectron-native: ${message}\n`);
  process.exit(1);
}

function run(args, options = {}) {
  return spawnSync(process.execPath, args, { stdio: 'inherit', ...options }).status === 0;
}

function ensureElectronBinary(version) {
  const installed = () => {
    try {
      return (
        fs
          .readFileSync(path.join(electronDir, 'dist', 'version'), 'utf8')
          .trim()
          .replace(/^v/, '') === version
      );
    } catch {
      return false;
    }
  };
  if (installed()) return;
  console.log(`electron-native: downloading Electron ${version}…`);
  if (!run([path.join(electronDir, 'install.js')], { cwd: electronDir }) || !installed()) {
    fail(
      `could not download the Electron ${version} binary (offline, or ELECTRON_SKIP_BINARY_DOWNLOAD is set?).\n` +
        'Connect to the internet or set ELECTRON_MIRROR, then run `node scripts/electron-native.mjs` again.\n' +
        'Tests, the admin CLI and the browser host (`npm run start:browser`) need no Electron.',
    );
  }
}

function nodeGypScript() {
  const candidates = [
    process.env.npm_config_node_gyp, // npm run: npm's own bundled node-gyp
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((file) => file && fs.existsSync(file));
}

/** The environment without npm settings that would steer node-gyp to Node's headers (a `nodedir=` in ~/.npmrc). */
function gypEnv() {
  const steering = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|devdir|build_from_source)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !steering.test(name)));
}

function buildNativeModule(electronVersion) {
  const moduleVersion = readJson(path.join(moduleDir, 'package.json')).version;
  const stamp = { electron: electronVersion, module: moduleVersion, platform: process.platform, arch: process.arch };
  try {
    if (fs.existsSync(binary) && JSON.stringify(readJson(stampFile)) === JSON.stringify(stamp)) {
      console.log(`electron-native: SQLite module already built for Electron ${electronVersion}`);
      return;
    }
  } catch {
    // no stamp: build
  }
  const gyp = nodeGypScript();
  if (!gyp) fail('node-gyp not found (neither npm’s bundled copy nor node_modules/node-gyp).');

  console.log(`electron-native: building better-sqlite3-multiple-ciphers ${moduleVersion} for Electron ${electronVersion}…`);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps']) {
    fs.cpSync(path.join(moduleDir, entry), path.join(outDir, entry), { recursive: true });
  }
  const args = [
    gyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    `--dist-url=${process.env.BRANCHDESK_ELECTRON_HEADERS_URL || 'https://electronjs.org/headers'}`,
    '--runtime=electron',
    // Electron's headers in their own cache, never mixed with Node's of the same version number.
    `--devdir=${path.join(os.homedir(), '.electron-gyp')}`,
    '--jobs=max',
  ];
  if (!run(args, { cwd: outDir, env: gypEnv() }) || !fs.existsSync(binary)) {
    fail(
      'building the SQLite module for Electron failed. It needs Electron’s headers (internet, or ' +
        'BRANCHDESK_ELECTRON_HEADERS_URL), Python 3 and a C++20 compiler (Xcode CLT / Visual Studio Build Tools / g++).',
    );
  }
  fs.writeFileSync(stampFile, JSON.stringify(stamp) + '\n');
  console.log(`electron-native: built ${path.relative(root, binary)}`);
}

const electronVersion = readJson(path.join(electronDir, 'package.json')).version;
ensureElectronBinary(electronVersion);
buildNativeModule(electronVersion);
