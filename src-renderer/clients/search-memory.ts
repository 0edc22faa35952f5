/**
 * What was last typed in the client search, so coming back from a profile finds the same list. Kept per staff
 * member and only in memory: the next person to sign in on this workstation does not see whom the last one sought.
 */
let remembered: { staffId: string; text: string } | null = null;

export function recallSearch(staffId: string): string {
  return remembered?.staffId === staffId ? remembered.text : '';
}

export function rememberSearch(staffId: string, text: string): void {
  remembered = { staffId, text };
}
