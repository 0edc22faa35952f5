import type { MantineColor } from '@mantine/core';
import type { Guest } from '../../src-shared/contract/events';
import { wallTime } from '../../src-shared/domain/clock';
import type { EventStatus } from '../../src-shared/domain/events';

export const EVENT_STATUS_COLORS: Record<EventStatus, MantineColor> = {
  draft: 'gray',
  open: 'blue',
  closed: 'indigo',
  held: 'teal',
  reviewed: 'green',
  cancelled: 'red',
};

export const GUEST_STATE_COLORS: Record<Guest['state'], MantineColor> = {
  listed: 'gray',
  invited: 'blue',
  seated: 'teal',
  waitlisted: 'orange',
  declined: 'gray',
  no_answer: 'yellow',
  withdrew: 'gray',
  removed: 'gray',
};

/** An instant as the branch reads it: its day and time in the workstation's zone (`2026-11-20 14:00`). */
export function eventTime(iso: string, timeZone: string): string {
  return wallTime(Date.parse(iso), timeZone);
}
