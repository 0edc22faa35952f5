import { describe, expect, it } from 'vitest';
import { PASSWORD_SCRYPT } from '../../src-shared/domain/password-hash';
import { passwordHasher } from './password';

describe('password hashing', () => {
  it('hashes at the production cost unless asked for another, and each hasher verifies the other’s hashes', async () => {
    const production = passwordHasher();
    const cheap = passwordHasher({ log2N: 10, r: 8, p: 1 });
    const strong = await production.hash('counter-pass-2026');
    const weak = await cheap.hash('counter-pass-2026');
    expect(strong.hash).toMatch(new RegExp(`^scrypt:${PASSWORD_SCRYPT.log2N}:8:1:[0-9a-f]{64}$`));
    expect(weak.hash).toMatch(/^scrypt:10:8:1:[0-9a-f]{64}$/);
    expect(await cheap.verify('counter-pass-2026', strong)).toBe(true);
    expect(await production.verify('counter-pass-2026', weak)).toBe(true);
    expect(await production.verify('counter-pass-2027', weak)).toBe(false);
    // A hash weaker than the hasher's is replaced at the next sign-in; a stronger one is kept.
    expect(production.isOutdated(weak.hash)).toBe(true);
    expect(cheap.isOutdated(strong.hash)).toBe(false);
    expect(production.isOutdated(strong.hash)).toBe(false);
  });
});
