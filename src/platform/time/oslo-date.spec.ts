import { osloToday, osloYear } from './oslo-date';

describe('osloToday', () => {
  it('gives the date in Norway, not in UTC', () => {
    expect(osloToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(osloToday(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(osloToday(new Date('2026-07-01T22:01:00Z'))).toBe('2026-07-02');
    expect(osloYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
  });

  it('turns to the next date at Oslo midnight, asked within the same minute and across it', () => {
    // The answer is remembered per minute: the last second before midnight and midnight itself differ.
    expect(osloToday(new Date('2026-12-01T22:59:00Z'))).toBe('2026-12-01');
    expect(osloToday(new Date('2026-12-01T22:59:59.999Z'))).toBe('2026-12-01');
    expect(osloToday(new Date('2026-12-01T23:00:00Z'))).toBe('2026-12-02');
    expect(osloToday(new Date('2026-12-01T23:00:30Z'))).toBe('2026-12-02');
    expect(osloToday(new Date('2026-12-01T22:59:30Z'))).toBe('2026-12-01');
  });
});
