// Torg's users are in Norway: agreements, delegations and budgets run in whole Norwegian calendar
// days and years, whatever time zone the server runs in.

/** Made once: creating a DateTimeFormat costs far more than formatting with it. */
const OSLO_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' });

/**
 * The last answer, by the minute it was for: Oslo's offset from UTC is whole hours, so its date
 * changes only at a minute's start, and every search asks (formatting costs ~0.1 ms per request).
 */
let last = { minute: NaN, date: '' };

/** Today's date in Norway as YYYY-MM-DD. */
export function osloToday(now = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== last.minute) last = { minute, date: OSLO_DATE.format(now) };
  return last.date;
}

/** This year in Norway (budgets are per calendar year). */
export const osloYear = (now = new Date()) => Number(osloToday(now).slice(0, 4));
