// Dates of delegations are Norwegian calendar days (agreements/visibility.service.ts has the same
// helper; identity may not import agreements, which imports identity).
const OSLO_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' });

/** Today's date in Norway as YYYY-MM-DD. */
export const osloToday = (now = new Date()) => OSLO_DATE.format(now);

/** This year in Norway (budgets are per calendar year). */
export const osloYear = (now = new Date()) => Number(osloToday(now).slice(0, 4));
