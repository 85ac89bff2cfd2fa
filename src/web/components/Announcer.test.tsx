import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnnouncerProvider, useAnnounce, type Announce } from './Announcer';

/** Renders the live region and hands out its announce function. */
function announcer(): Announce {
  let got: Announce | undefined;
  function Grab() {
    got = useAnnounce();
    return null;
  }
  render(
    <AnnouncerProvider>
      <Grab />
    </AnnouncerProvider>,
  );
  return got!;
}
const said = () => screen.getByTestId('announcer').textContent;
/** Runs `f` as React work (its state updates applied). */
const run = (f: () => unknown) =>
  act(async () => {
    f();
  });
/** Lets `ms` pass, then the animation frame the region sets its text in. */
const pass = (ms: number) => run(() => vi.advanceTimersByTime(ms + 20));

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame'] }));
afterEach(() => vi.useRealTimers());

describe('the announcer', () => {
  it('says a message at once, and a waiting one only after its delay', async () => {
    const announce = announcer();
    await run(() => announce('Lagt i handlekurven'));
    await pass(0);
    expect(said()).toBe('Lagt i handlekurven');
    await run(() => announce('12 treff', { after: 700 }));
    await pass(500);
    expect(said()).toBe('Lagt i handlekurven');
    await pass(200);
    expect(said()).toBe('12 treff');
  });

  it('drops a waiting message when it is taken back (typing went on) or when something else is said first', async () => {
    const announce = announcer();
    let takeBack = () => {};
    await run(() => (takeBack = announce('3 treff', { after: 700 })));
    await pass(300);
    await run(takeBack);
    await run(() => announce('12 treff', { after: 700 }));
    await pass(400);
    await run(() => announce('Kontorstol er lagt i handlekurven.'));
    await pass(1000);
    expect(said()).toBe('Kontorstol er lagt i handlekurven.');
    // Taking back what was already said changes nothing.
    await run(() => (takeBack = announce('5 treff', { after: 100 })));
    await pass(100);
    await run(takeBack);
    expect(said()).toBe('5 treff');
  });
});
