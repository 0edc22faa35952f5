import type { eventsContract } from '../../src-shared/contract/events';
import type { HandlersFor } from '../ipc/call';
import { todayOf } from '../app';
import { checkIn, checkinSearch, walkIn } from './checkin';
import { addGuest, addSegment, answer, getGuest, invite, listGuests, noticesFor, segmentCount, told } from './guests';
import { eventCounts, eventsForClient, getEvent, listEvents, saveEvent, takeEventStep } from './plan';
import { eventReview, reviewFile, reviewPeriod } from './review';
import { checkPeriod } from '../exports/period';
import { exportForCall } from '../exports/export-call';

export const eventsHandlers: HandlersFor<typeof eventsContract> = {
  'events.list': (input, call) => listEvents(call.app.store.db, input.view, todayOf(call.app)),

  'events.get': (input, call) => getEvent(call.app.store.db, call.staff, input.id),

  'events.save': async (input, call) => {
    const id = await call.mutate(
      (trx) => saveEvent(trx, call.app, call.staff, input.id, input.plan, { demo: input.practice }),
      (saved) => ({ targetIds: [saved] }),
    );
    return getEvent(call.app.store.db, call.staff, id);
  },

  'events.step': async (input, call) => {
    await call.mutate((trx) => takeEventStep(trx, call.app, call.staff, input.id, input.expectedStatus, input.step, input.reason), {
      targetIds: [input.id],
    });
    return getEvent(call.app.store.db, call.staff, input.id);
  },

  'events.segmentCount': (input, call) => segmentCount(call.app.store.db, call.app, input.eventId, input.segment),

  'events.addSegment': async (input, call) => {
    const added = await call.mutate(
      (trx) => addSegment(trx, call.app, call.staff, input.eventId, input.segment),
      (n) => ({ targetIds: [input.eventId, `added:${n}`] }),
    );
    return { added, counts: await segmentCount(call.app.store.db, call.app, input.eventId, input.segment) };
  },

  'events.addGuest': async (input, call) => {
    const id = await call.mutate(
      (trx) => addGuest(trx, call.app, call.staff, input.eventId, input.clientId, input.reason),
      (guestId) => ({ targetIds: [input.eventId, guestId, input.clientId] }),
    );
    return getGuest(call.app.store.db, id);
  },

  'events.guests': async (input, call) => ({
    guests: await listGuests(call.app.store.db, input.eventId, input.view, input.limit),
    counts: await eventCounts(call.app.store.db, input.eventId),
  }),

  'events.invite': async (input, call) => {
    await call.mutate((trx) => invite(trx, call.app, call.staff, input), { targetIds: [input.guestId] });
    return getGuest(call.app.store.db, input.guestId);
  },

  'events.answer': async (input, call) => {
    await call.mutate((trx) => answer(trx, call.app, call.staff, input.guestId, input.answer, input.note), { targetIds: [input.guestId] });
    return getGuest(call.app.store.db, input.guestId);
  },

  'events.told': async (input, call) => {
    await call.mutate((trx) => told(trx, call.app, call.staff, input.guestId, input.note), { targetIds: [input.guestId] });
    return getGuest(call.app.store.db, input.guestId);
  },

  'events.notices': (_input, call) => noticesFor(call.app.store.db, call.staff),

  'events.checkinSearch': (input, call) => checkinSearch(call.app.store.db, input.eventId, input.query),

  'events.checkin': (input, call) =>
    call.mutate((trx) => checkIn(trx, call.app, call.staff, input), {
      targetIds: [input.eventId, ...(input.guestId ? [input.guestId] : []), ...(input.clientId ? [input.clientId] : [])],
    }),

  'events.walkIn': (input, call) => call.mutate((trx) => walkIn(trx, call.app, call.staff, input), { targetIds: [input.eventId] }),

  'events.reviewOne': (input, call) => eventReview(call.app.store.db, input.id, call.app.settings.timeZone),

  'events.review': (input, call) => {
    checkPeriod(input.from, input.to);
    return reviewPeriod(call.app.store.db, input, call.app.settings.timeZone);
  },

  'events.export': async (input, call) => {
    const { app } = call;
    checkPeriod(input.from, input.to);
    return exportForCall(call, input.jobId, async (job) => {
      job.progress(0, 1);
      const review = await reviewPeriod(app.store.db, input, app.settings.timeZone);
      job.progress(1, 1);
      return reviewFile(review, input.format);
    });
  },

  'events.forClient': (input, call) => eventsForClient(call.app.store.db, input.clientId, todayOf(call.app)),
};
