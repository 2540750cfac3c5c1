import { afterEach, describe, expect, it, vi } from 'vitest';
import { scheduleEvery } from '../functions/local/schedule.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('scheduleEvery', () => {
  it('runs the job once per interval and never two runs at once', async () => {
    vi.useFakeTimers();
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const schedule = scheduleEvery(
      10,
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs++;
        await new Promise((done) => setTimeout(done, 15_000));
        active--;
      },
      () => {},
    );
    await vi.advanceTimersByTimeAsync(10_000);
    void schedule.runNow();
    await vi.advanceTimersByTimeAsync(60_000);
    // A stop waits for the run under way (started at 60 s, ending at 75 s) and plans no other.
    const stopping = schedule.stop();
    await vi.advanceTimersByTimeAsync(30_000);
    await stopping;
    expect(maxActive).toBe(1);
    // 10 s wait, then runs of 15 s each followed by 10 s pauses: starts at 10, 35 and 60.
    expect(runs).toBe(3);
  });

  it('keeps going after a failed run, and reports the failure', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let runs = 0;
    const schedule = scheduleEvery(
      1,
      async () => {
        runs++;
        if (runs === 1) throw new Error('first run fails');
      },
      (error) => errors.push(error),
    );
    await vi.advanceTimersByTimeAsync(3_500);
    await schedule.stop();
    expect(runs).toBe(3);
    expect(errors).toHaveLength(1);
  });

  it('with 0 seconds runs only when asked', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const schedule = scheduleEvery(
      0,
      async () => void runs++,
      () => {},
    );
    await vi.advanceTimersByTimeAsync(100_000);
    expect(runs).toBe(0);
    await schedule.runNow();
    expect(runs).toBe(1);
    await schedule.stop();
  });
});
