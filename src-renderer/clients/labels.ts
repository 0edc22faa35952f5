import type { MantineColor } from '@mantine/core';
import type { ClientSummary } from '../../src-shared/contract';
import { CONTACT_CHANNELS, type IMPORTANT_DATE_KINDS } from '../../src-shared/contract/clients';
import { ID_DOCUMENT_TYPES, type IdDocumentType } from '../../src-shared/domain/id-number';
import { isTranslationKey, type TranslationKey } from '../i18n/dictionary';
import type { T } from '../i18n/I18nProvider';

export type Tier = ClientSummary['tier'];
export type Lifecycle = ClientSummary['lifecycle'];
export type Channel = (typeof CONTACT_CHANNELS)[number];

/** 002 客户分层: 贵宾 gold, 潜力 teal, 普通 plain. */
export const TIERS: Record<Tier, { label: TranslationKey; color: MantineColor; variant: 'filled' | 'light' }> = {
  vip: { label: 'tier.vip', color: 'yellow.7', variant: 'filled' },
  potential: { label: 'tier.potential', color: 'teal', variant: 'light' },
  ordinary: { label: 'tier.ordinary', color: 'gray', variant: 'light' },
};

/** 000 生命周期: a churned client stands out (win-back), a new one is welcomed. */
export const LIFECYCLES: Record<Lifecycle, { label: TranslationKey; color: MantineColor }> = {
  prospect: { label: 'lifecycle.prospect', color: 'gray' },
  new: { label: 'lifecycle.new', color: 'blue' },
  loyal: { label: 'lifecycle.loyal', color: 'green' },
  churned: { label: 'lifecycle.churned', color: 'red' },
};

export const CHANNEL_LABELS: Record<Channel, TranslationKey> = {
  counter: 'channel.counter',
  phone: 'channel.phone',
  visit: 'channel.visit',
  sms: 'channel.sms',
  wechat: 'channel.wechat',
  email: 'channel.email',
  letter: 'channel.letter',
  event: 'channel.event',
};

const ID_TYPE_LABELS: Record<IdDocumentType, TranslationKey> = {
  resident_id: 'id_type.resident_id',
  hk_macao_permit: 'id_type.hk_macao_permit',
  taiwan_permit: 'id_type.taiwan_permit',
  passport: 'id_type.passport',
  foreign_permanent_residence: 'id_type.foreign_permanent_residence',
  other: 'id_type.other',
};

export const IMPORTANT_DATE_LABELS: Record<(typeof IMPORTANT_DATE_KINDS)[number], TranslationKey> = {
  birthday: 'important_date.birthday',
  lunar_birthday: 'important_date.lunar_birthday',
  child_milestone: 'important_date.child_milestone',
  business_anniversary: 'important_date.business_anniversary',
  wedding_anniversary: 'important_date.wedding_anniversary',
  other: 'important_date.other',
};

function isChannel(value: string): value is Channel {
  return (CONTACT_CHANNELS as readonly string[]).includes(value);
}

/** A channel code from the archive (a preference may hold one); text that is not a code shows as written. */
export function channelLabel(t: T, value: string): string {
  return isChannel(value) ? t(CHANNEL_LABELS[value]) : value;
}

export function idTypeLabel(t: T, value: string): string {
  return (ID_DOCUMENT_TYPES as readonly string[]).includes(value) ? t(ID_TYPE_LABELS[value as IdDocumentType]) : value;
}

/** A code main sends in a list (a contact's flag, a points entry's kind): translated where the dictionary knows it. */
export function codeLabel(t: T, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return isTranslationKey(key) ? t(key) : code;
}
