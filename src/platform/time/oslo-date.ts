// Torg's users are in Norway: agreements, delegations and budgets run in whole Norwegian calendar
// days and years, whatever time zone the server runs in.

/** Made once: creating a DateTimeFormat costs far more than formatting with it. */
const OSLO_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' });

/** Today's date in Norway as YYYY-MM-DD. */
export const osloToday = (now = new Date()) => OSLO_DATE.format(now);

/** This year in Norway (budgets are per calendar year). */
export const osloYear = (now = new Date()) => Number(osloToday(now).slice(0, 4));
