import type { ClientStanding } from '../../src-shared/domain/client-derived';

/** Client master data as head office sends it down (and as seeding and import produce it). */
export interface ClientMaster {
  id: string;
  clientNo: string;
  kind: 'individual' | 'corporate';
  name: string;
  nameEn: string | null;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  idType: string;
  idNumber: string;
  idExpiry: string | null;
  mobile: string | null;
  province: string | null;
  address: string | null;
  occupation: string | null;
  industry: string | null;
  employer: string | null;
  incomeBand: string | null;
  managerId: string | null;
  firstBusinessDate: string | null;
  interests: string[];
  preferredChannel: string | null;
  doNotDisturb: boolean;
  marketingConsent: boolean;
}

export interface MonthlyAssets {
  month: string;
  avgDailyFen: number;
}

/**
 * A client row's derived values as the bulk writer stores them: the client's standing (`deriveClient`, the one rule
 * for it) and the latest assets head office reported with it.
 */
export type ClientDerived = ClientStanding & {
  latestAssetsFen: number;
  latestAssetsDate: string | null;
};

/** A tier token in the search index lets one FTS query return the best tier first without sorting thousands. */
export function tierToken(rank: number): string {
  return `0t${rank}`;
}

/** A client's whole FTS document: the name's terms and the tier token, kept in step whenever the tier moves. */
export function searchDocument(nameTerms: string, rank: number): string {
  return `${nameTerms} ${tierToken(rank)}`;
}
