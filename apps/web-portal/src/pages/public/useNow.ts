import { useEffect, useState } from 'react';

/** The current time in ms, read when the component mounts and refreshed every `intervalMs` by a timer (never during render). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
