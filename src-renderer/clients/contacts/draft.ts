import type { InputOf } from '../../../src-shared/contract';
import { type PRODUCT_RISKS } from '../../../src-shared/contract/clients';
import type { Channel } from '../labels';

export type ProductRisk = (typeof PRODUCT_RISKS)[number];

/** What the contact form holds while the staff member types: every field as text or a flag, nothing parsed yet. */
export interface ContactDraft {
  channel: Channel;
  content: string;
  result: string;
  followUpProduct: string;
  followUpDue: string;
  recommend: boolean;
  productName: string;
  productRisk: ProductRisk;
  isSale: boolean;
  dualRecordingRef: string;
  confirmedAboveLevel: boolean;
  elderlyWarningConfirmed: boolean;
}

export const EMPTY_DRAFT: ContactDraft = {
  channel: 'counter',
  content: '',
  result: '',
  followUpProduct: '',
  followUpDue: '',
  recommend: false,
  productName: '',
  productRisk: 'R1',
  isSale: false,
  dualRecordingRef: '',
  confirmedAboveLevel: false,
  elderlyWarningConfirmed: false,
};

/**
 * The draft as `clients.logContact` takes it. Empty optional text is "not given" (null); a follow-up exists once
 * either of its fields is filled, so a half-filled one is caught by the contract's schema rather than dropped.
 */
export function toLogContactInput(draft: ContactDraft, clientId: string, correctsId: string | null): InputOf<'clients.logContact'> {
  const followUp =
    draft.followUpProduct.trim() || draft.followUpDue.trim() ? { product: draft.followUpProduct, due: draft.followUpDue } : null;
  return {
    clientId,
    channel: draft.channel,
    content: draft.content,
    result: draft.result.trim() ? draft.result : null,
    followUp,
    correctsId,
    recommendation: draft.recommend
      ? {
          productName: draft.productName,
          productRisk: draft.productRisk,
          isSale: draft.isSale,
          dualRecordingRef: draft.isSale && draft.dualRecordingRef.trim() ? draft.dualRecordingRef : null,
          clientConfirmedAboveLevel: draft.confirmedAboveLevel,
          elderlyWarningConfirmed: draft.elderlyWarningConfirmed,
        }
      : null,
  };
}
