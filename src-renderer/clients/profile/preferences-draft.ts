import type { ClientProfile, InputOf } from '../../../src-shared/contract';
import type { Channel } from '../labels';

/** The editable needs, preferences and branch-kept identity details, as the form holds them (text, never null). */
export interface PreferencesDraft {
  financialGoals: string;
  interests: string[];
  preferredChannel: Channel | '';
  preferredHours: string;
  doNotDisturb: boolean;
  marketingConsent: boolean;
  occupation: string;
  employer: string;
  address: string;
}

export function draftOf(profile: ClientProfile): PreferencesDraft {
  const { preferences: p, identity: i } = profile;
  return {
    financialGoals: p.financialGoals ?? '',
    interests: p.interests,
    preferredChannel: (p.preferredChannel ?? '') as Channel | '',
    preferredHours: p.preferredHours ?? '',
    doNotDisturb: p.doNotDisturb,
    marketingConsent: p.marketingConsent,
    occupation: i.occupation ?? '',
    employer: i.employer ?? '',
    address: i.address ?? '',
  };
}

type Changes = InputOf<'clients.updateProfile'>['changes'];

/**
 * Only what the staff member changed: the branch's values merge field by field with head office's (DOMAIN.md §1),
 * so sending an untouched field would claim it as a branch edit. Cleared text is sent as null.
 */
export function changesOf(before: PreferencesDraft, after: PreferencesDraft): Changes {
  const text = (value: string) => (value.trim() === '' ? null : value.trim());
  const changes: Changes = {};
  if (after.financialGoals.trim() !== before.financialGoals.trim()) changes.financialGoals = text(after.financialGoals);
  if (after.interests.join('\n') !== before.interests.join('\n')) changes.interests = after.interests;
  if (after.preferredChannel !== before.preferredChannel) changes.preferredChannel = after.preferredChannel || null;
  if (after.preferredHours.trim() !== before.preferredHours.trim()) changes.preferredHours = text(after.preferredHours);
  if (after.doNotDisturb !== before.doNotDisturb) changes.doNotDisturb = after.doNotDisturb;
  if (after.marketingConsent !== before.marketingConsent) changes.marketingConsent = after.marketingConsent;
  if (after.occupation.trim() !== before.occupation.trim()) changes.occupation = text(after.occupation);
  if (after.employer.trim() !== before.employer.trim()) changes.employer = text(after.employer);
  if (after.address.trim() !== before.address.trim()) changes.address = text(after.address);
  return changes;
}
