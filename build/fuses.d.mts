// Types of fuses.mjs (the electron-builder afterPack hook), for the tests.
import { type FuseV1Options } from '@electron/fuses';

export interface FusesContext {
  appOutDir: string;
  /** 'win32' | 'darwin' | 'mas' | 'linux' */
  electronPlatformName: string;
  /** builder-util's Arch: 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal */
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

export declare const FUSES: Readonly<Partial<Record<FuseV1Options, boolean>>>;

export declare function flipElectronFuses(binaryPath: string, options?: { resetAdHocDarwinSignature?: boolean }): Promise<number>;

export declare function electronPaths(context: Omit<FusesContext, 'arch'>): { binary: string; asar: string };

export default function setFuses(context: FusesContext): Promise<void>;
