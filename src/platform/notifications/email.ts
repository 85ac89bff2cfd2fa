import { badInput } from '../errors/domain-error';

/** An e-mail to send: plain text always (every client shows it), HTML besides when given. */
export interface Email {
  /** Recipients' addresses (bare addresses, no display names): 1 to 50. */
  to: string[];
  /** One line: 1 to 200 characters, no line breaks or other control characters. */
  subject: string;
  text: string;
  html?: string;
  /** What kind of message, for the log and the outbox key (e.g. `approval-requested`). */
  tag?: string;
}

const MAX_RECIPIENTS = 50;
const MAX_SUBJECT = 200;
/** Bodies are notifications, not newsletters: 100,000 characters is far beyond any. */
const MAX_BODY = 100_000;
/** A local part and a dotted domain, without spaces, angle brackets, quotes, commas or semicolons (no display names, no groups). */
const ADDRESS = /^[^\s@<>()",;:\\[\]]{1,64}@[^\s@<>()",;:\\[\].]{1,63}(\.[^\s@<>()",;:\\[\].]{1,63})+$/;
const TAG = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\x00-\x1f\x7f]/;

/**
 * The e-mail checked and tidied (recipients trimmed, duplicates dropped ignoring case), or
 * BAD_USER_INPUT naming what is wrong. Nodemailer encodes headers; refusing line breaks in the
 * subject and anything but bare addresses keeps what a user typed from becoming a header of its own.
 */
export function checkedEmail(email: Email): Email {
  const problems: string[] = [];
  const seen = new Set<string>();
  const to: string[] = [];
  if (!Array.isArray(email.to) || !email.to.length) problems.push('an e-mail needs at least one recipient');
  for (const raw of Array.isArray(email.to) ? email.to : []) {
    const address = typeof raw === 'string' ? raw.trim() : '';
    if (!ADDRESS.test(address) || address.length > 254) {
      problems.push(`${JSON.stringify(String(raw).slice(0, 100))} is not an e-mail address`);
    } else if (!seen.has(address.toLowerCase())) {
      seen.add(address.toLowerCase());
      to.push(address);
    }
  }
  if (to.length > MAX_RECIPIENTS) problems.push(`an e-mail may have at most ${MAX_RECIPIENTS} recipients, not ${to.length}`);
  const subject = typeof email.subject === 'string' ? email.subject.trim() : '';
  if (!subject || subject.length > MAX_SUBJECT || CONTROL.test(subject)) {
    problems.push(`the subject must be one line of 1 to ${MAX_SUBJECT} characters, without line breaks or control characters`);
  }
  if (typeof email.text !== 'string' || !email.text.trim() || email.text.length > MAX_BODY) problems.push(`the text must have 1 to ${MAX_BODY} characters`);
  if (email.html !== undefined && (typeof email.html !== 'string' || email.html.length > MAX_BODY)) problems.push(`the HTML must have at most ${MAX_BODY} characters`);
  if (email.tag !== undefined && !TAG.test(email.tag)) problems.push('the tag must be 1 to 64 letters, digits, dots, dashes or underscores');
  if (problems.length) throw badInput(`The e-mail was refused: ${problems.join('; ')}`);
  return { to, subject, text: email.text, ...(email.html !== undefined && { html: email.html }), ...(email.tag !== undefined && { tag: email.tag }) };
}
