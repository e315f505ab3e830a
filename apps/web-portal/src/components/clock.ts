import { useCallback, useSyncExternalStore } from 'react';

/** Whether `deadline` has passed, flipping by itself at the deadline. */
export function useDeadlinePassed(deadline: string | null | undefined): boolean {
  const at = deadline ? new Date(deadline).getTime() : Number.NaN;
  // The clock is an external store: subscribing arms a timer for the deadline, the snapshot reads the clock.
  const subscribe = useCallback(
    (onChange: () => void) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        const left = at - Date.now();
        if (!(left > 0)) return;
        // setTimeout holds at most ~24.8 days: wake up then and wait again.
        timer = setTimeout(() => {
          onChange();
          arm();
        }, Math.min(left + 50, 2_000_000_000));
      };
      arm();
      return () => clearTimeout(timer);
    },
    [at],
  );
  return useSyncExternalStore(subscribe, () => Date.now() >= at);
}
