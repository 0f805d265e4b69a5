import { useEffect, useState } from 'react';

/** The wall clock, re-read every `everyMs` while the component is mounted (elapsed-time displays). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
