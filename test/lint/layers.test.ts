import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Lints `code` as if it were the file at `file` (an existing one, so the type-aware rules have a project). */
async function importRuleMessages(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// DESIGN.md "Folders": who may import whom, enforced by lint on the code and the tests beside it.
describe('the layers, as lint enforces them', () => {
  it.each([
    ['src-shared/domain/tier.ts', "import { openStore } from '../../src-main/store/open';"],
    ['src-shared/domain/tier.test.ts', "import { HubService } from '../../src-hub/service';"],
    ['src-shared/domain/tier.ts', "import { api } from '../../src-renderer/api/client';"],
    ['src-hub/service.ts', "import { SyncService } from '../src-main/sync/service';"],
    ['src-hub/import.test.ts', "import { verifyPassword } from '../src-main/auth/password';"],
    ['src-renderer/main.tsx', "import { openStore } from '../src-main/store/open';"],
    ['src-renderer/sync/health.test.ts', "import { tempStore } from '../../test/fixtures/store';"],
    ['src-main/app.ts', "import { HubService } from '../src-hub/service';"],
    ['src-main/sync/service.ts', "import { app } from 'electron';"],
  ])('refuses in %s: %s', async (file, code) => {
    expect(await importRuleMessages(file, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it('lets each layer import src-shared', async () => {
    for (const file of ['src-hub/service.ts', 'src-main/app.ts', 'src-renderer/main.tsx']) {
      const up = file.split('/').length - 1;
      expect(await importRuleMessages(file, `import { TIERS } from '${'../'.repeat(up)}src-shared/domain/tier';\nexport {};\n`)).toEqual(
        [],
      );
    }
  });
});
