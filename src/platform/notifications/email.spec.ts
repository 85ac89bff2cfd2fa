import { DomainError } from '../errors/domain-error';
import { checkedEmail, Email } from './email';

const ok: Email = { to: ['attestant@nordby.example'], subject: 'Godkjenning: bestilling 42', text: 'Hei' };

function refusal(email: Partial<Email> & Record<string, unknown>): string {
  try {
    checkedEmail({ ...ok, ...email });
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('BAD_USER_INPUT');
    return (e as Error).message;
  }
  throw new Error('not refused');
}

describe('checkedEmail', () => {
  it('takes bare addresses, drops duplicates ignoring case and trims', () => {
    expect(checkedEmail({ ...ok, to: [' a@x.example', 'A@X.example', 'b.c+d@sub.x.example'], subject: ' Emne ', tag: 'approval-requested' })).toEqual({
      to: ['a@x.example', 'b.c+d@sub.x.example'],
      subject: 'Emne',
      text: 'Hei',
      tag: 'approval-requested',
    });
    expect(checkedEmail({ ...ok, html: '<p>Hei</p>' }).html).toBe('<p>Hei</p>');
  });

  it('refuses what is no bare address: display names, lists, header injection, no dotted domain', () => {
    for (const bad of ['Ola <ola@x.example>', 'a@x.example, b@x.example', 'a@x.example\r\nBcc: c@x.example', 'a@localhost', 'no-at.example', '@x.example', 'a@@x.example', '']) {
      expect(refusal({ to: [bad] })).toContain('is not an e-mail address');
    }
    expect(refusal({ to: [] })).toContain('at least one recipient');
    expect(refusal({ to: Array.from({ length: 51 }, (_, i) => `u${i}@x.example`) })).toContain('at most 50 recipients');
  });

  it('refuses a subject with a line break or other control character, an empty or too long one', () => {
    for (const subject of ['Emne\r\nBcc: c@x.example', 'Emne\nmer', 'a\tb', '', '   ', 'x'.repeat(201)]) {
      expect(refusal({ subject })).toContain('the subject must be one line');
    }
  });

  it('refuses an empty text and a bad tag, naming every problem at once', () => {
    const message = refusal({ text: ' ', tag: 'has space', subject: '' });
    expect(message).toContain('the text must have');
    expect(message).toContain('the tag must be');
    expect(message).toContain('the subject must be');
  });
});
