/**
 * Stands in for an EventBridge schedule under `npm start`: runs a job every `seconds`, never two
 * runs at once (the next run is planned when the last one ends, as the tagger's reserved
 * concurrency of one does on AWS), and lets a shutdown wait for the run under way.
 */
export interface Schedule {
  /** Runs the job now, unless a run is under way; resolves when that run ends. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function scheduleEvery(
  seconds: number,
  job: () => Promise<void>,
  onError: (error: unknown) => void,
): Schedule {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const plan = () => {
    if (!stopped && seconds > 0) timer = setTimeout(() => void run(), seconds * 1000);
  };
  const run = (): Promise<void> => {
    if (running) return running;
    clearTimeout(timer);
    running = job()
      .catch(onError)
      .finally(() => {
        running = undefined;
        plan();
      });
    return running;
  };

  plan();
  return {
    runNow: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
