import fs from 'node:fs';
import { BrowserWindow, dialog } from 'electron';
import type { DataFiles } from '../store/data-dir';
import { openRaw, type Store } from '../store/open';
import { markRecoveryKeyKept, recoveryFileText, recoveryKeyInText, recoveryKeyKept } from '../store/recovery-key';
import { type DatabaseKey, type KeyError, wrapRecoveredKey } from './key';

/**
 * The desktop side of the recovery key (store/recovery-key.ts): shown until an administrator confirms keeping it,
 * and asked for when the keychain has lost the wrapped key. Dialogs only; the encoding and checks live in the store.
 */

/** Until confirmed (the first run, or the first launch of a store made before recovery keys): show, save, print. */
export async function showRecoveryKeyUntilKept(store: Store, recoveryKey: string): Promise<void> {
  if (recoveryKeyKept(store)) return;
  const text = recoveryFileText(recoveryKey, { database: store.path, createdAt: new Date().toISOString() });
  for (;;) {
    const { response } = await dialog.showMessageBox({
      type: 'info',
      title: 'BranchDesk',
      buttons: ['保存到文件… Save to file…', '打印… Print…', '我已妥善保管 I have kept it'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
      message: `数据库恢复密钥 / Database recovery key\n\n${recoveryKey}`,
      detail:
        '系统密钥库中的数据库密钥一旦丢失,只有此密钥能重新打开数据库。请打印或保存后交由网点负责人保管,本窗口只在确认前显示。\n\n' +
        'If the keychain entry holding the database key is ever lost, only this key opens the database again. Print or ' +
        'save it and hand it to the branch manager; it is shown only until you confirm.',
    });
    if (response === 0) await saveRecoveryFile(text);
    if (response === 1) await printRecoveryFile(text);
    if (response === 2) {
      markRecoveryKeyKept(store, new Date().toISOString());
      return;
    }
  }
}

async function saveRecoveryFile(text: string): Promise<void> {
  const { canceled, filePath } = await dialog.showSaveDialog({
    title: 'BranchDesk',
    defaultPath: 'BranchDesk-recovery-key.txt',
    filters: [{ name: 'Text', extensions: ['txt'] }],
  });
  if (!canceled && filePath) fs.writeFileSync(filePath, text, { mode: 0o600 });
}

/** One printed page, from a window that is never shown and holds nothing but the text. */
async function printRecoveryFile(text: string): Promise<void> {
  const page = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false } });
  try {
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    await page.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(`<pre style="font: 12pt monospace">${escaped}</pre>`)}`);
    await new Promise<void>((resolve) => page.webContents.print({}, () => resolve()));
  } finally {
    page.destroy();
  }
}

/**
 * The wrapped key is gone or unreadable but the database is there: ask for the saved recovery file, check it opens
 * the database, wrap the key again. Null when the staff member quits.
 */
export async function recoverWithRecoveryFile(
  files: DataFiles,
  failure: KeyError,
  nativeBinding: string | undefined,
): Promise<DatabaseKey | null> {
  let problem = '';
  for (;;) {
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      title: 'BranchDesk',
      buttons: ['退出 Quit', '打开恢复密钥文件… Open the recovery key file…'],
      defaultId: 1,
      cancelId: 0,
      noLink: true,
      message: `${failure.zh}\n${failure.message}`,
      detail:
        `${problem}首次启动时显示的恢复密钥可以重新打开数据库。\n` +
        'The recovery key shown at the first start opens the database again. Choose the file it was saved to ' +
        '(or a text file holding the key as printed).',
    });
    if (response === 0) return null;
    const { canceled, filePaths } = await dialog.showOpenDialog({ title: 'BranchDesk', properties: ['openFile'] });
    const file = filePaths[0];
    if (canceled || !file) continue;
    try {
      const key = recoveryKeyInText(fs.readFileSync(file, 'utf8').slice(0, 64 * 1024));
      openRaw({ path: files.database, key, ...(nativeBinding ? { nativeBinding } : {}) }).close();
      return wrapRecoveredKey(files, key, new Date());
    } catch (err) {
      problem = `${err instanceof Error ? err.message : String(err)}\n\n`;
    }
  }
}
