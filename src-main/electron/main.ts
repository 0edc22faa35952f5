import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, session } from 'electron';
import { AppError } from '../../src-shared/contract/errors';
import { systemClock } from '../../src-shared/domain/clock';
import { dataFiles } from '../store/data-dir';
import { openStore, type Store } from '../store/open';
import { acquirePidLock } from '../store/pid-lock';
import { transportRefusalRecorder } from '../audit/refusals';
import { createWorkstation } from '../workstation';
import { registerIpc } from './ipc';
import { encodeRecoveryKey } from '../store/recovery-key';
import { type DatabaseKey, KeyError, loadDatabaseKey, pinKeyBackend } from './key';
import { electronNativeBinding } from './native';
import { recoverWithRecoveryFile, showRecoveryKeyUntilKept } from './recovery';
import { APP_ENTRY_URL, APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol';
import { CSP, devCsp, hardenSession, hardenWebContents, isTrustedSender, originOf } from './security';

const here = path.dirname(fileURLToPath(import.meta.url)); // out/main
// Set by `electron-vite dev`. A packaged app ignores it: no environment variable may hand the bridge to another page.
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const appOrigin = (devUrl && originOf(devUrl)) || APP_ORIGIN;
// A developer's machine never opens the production data folder.
if (!app.isPackaged) app.setPath('userData', path.join(app.getPath('appData'), 'BranchDesk-dev'));
const files = dataFiles(app.getPath('userData'));

let mainWindow: BrowserWindow | null = null;
let shutdown: (() => Promise<void>) | null = null;

// Before `ready`: Chromium reads privileged schemes and the keystore switch at startup.
registerAppScheme();
pinKeyBackend(files);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    const close = shutdown;
    if (!close) return;
    shutdown = null;
    event.preventDefault();
    close()
      .catch((err: unknown) => console.error('BranchDesk: closing the store failed', err))
      .finally(() => app.exit(0));
  });
  app.whenReady().then(start).catch(failToStart);
}

/** Key, store, router, then the window: no window before the store is open and migrated. */
async function start(): Promise<void> {
  fs.mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  const releasePid = acquirePidLock(files.pidFile);
  let store: Store | undefined;
  try {
    const nativeBinding = electronNativeBinding();
    const loaded = await loadOrRecoverKey(nativeBinding);
    if (!loaded) {
      releasePid();
      app.exit(0);
      return;
    }
    const recoveryKey = encodeRecoveryKey(loaded.key);
    const opened = await openStore({ path: files.database, key: loaded.key, create: loaded.firstRun, nativeBinding }).finally(() =>
      loaded.key.fill(0),
    );
    store = opened;
    await showRecoveryKeyUntilKept(opened, recoveryKey);
    const workstation = await createWorkstation(opened, systemClock);
    hardenSession(session.defaultSession, devUrl ? devCsp(appOrigin) : CSP);
    serveRenderer(path.join(here, '../renderer'), CSP);
    const bridge = registerIpc(
      workstation.router,
      appOrigin,
      (event) => isTrustedSender(event, appOrigin),
      transportRefusalRecorder(workstation.app),
    );
    workstation.app.emit = (channel, event, payload) => bridge.emit(channel, event, payload);
    workstation.start();
    shutdown = async () => {
      await workstation.stop();
      await bridge.drain();
      await opened.close();
      releasePid();
    };
    mainWindow = createWindow((channel) => workstation.app.sessions.end(channel));
  } catch (err) {
    await store?.close().catch(() => undefined);
    releasePid();
    throw err;
  }
}

/** The wrapped key, a new one on first run, or (keychain entry lost) the key again from the saved recovery file. */
async function loadOrRecoverKey(nativeBinding: string | undefined): Promise<DatabaseKey | null> {
  try {
    return loadDatabaseKey(files, confirmPlainTextKey);
  } catch (err) {
    if (err instanceof KeyError && err.recoverable) return recoverWithRecoveryFile(files, err, nativeBinding);
    throw err;
  }
}

function createWindow(onGone: (channel: string) => void): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'BranchDesk 网点客户工作台',
    webPreferences: {
      preload: path.join(here, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: !app.isPackaged,
      spellcheck: false,
    },
  });
  // The window's sign-in dies with its renderer: a closed window leaves no session behind in main.
  const channel = String(win.webContents.id);
  win.webContents.once('destroyed', () => onGone(channel));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(devUrl ?? APP_ENTRY_URL);
  return win;
}

function confirmPlainTextKey(): boolean {
  const choice = dialog.showMessageBoxSync({
    type: 'warning',
    title: 'BranchDesk',
    buttons: ['退出 Quit', '仍然继续 Continue'],
    defaultId: 0,
    cancelId: 0,
    message:
      '本机没有可用的系统密钥库,数据库密钥将几乎以明文保存。\nNo OS keyring was found: the database key would be kept almost in plain text.',
    detail:
      'Chromium would wrap the key with a password built into every copy of it (safeStorage backend basic_text). ' +
      'Install and unlock GNOME Keyring or KWallet, then start again; continue only on a training machine.',
  });
  return choice === 1;
}

function failToStart(err: unknown): void {
  const detail = err instanceof KeyError ? `${err.zh}\n\n${err.message}` : err instanceof Error ? err.message : String(err);
  if (!(err instanceof KeyError || err instanceof AppError)) console.error(err);
  dialog.showErrorBox('BranchDesk 无法启动 / BranchDesk cannot start', detail);
  app.exit(1);
}
