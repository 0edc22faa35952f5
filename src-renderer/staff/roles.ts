import type { Role } from '../../src-shared/contract';
import type { TranslationKey } from '../i18n/dictionary';

export const ROLE_LABELS: Record<Role, TranslationKey> = {
  counter: 'role.counter',
  complaints: 'role.complaints',
  events: 'role.events',
  manager: 'role.manager',
  admin: 'role.admin',
};
