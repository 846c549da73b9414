import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Whole seconds left of a wait, updated each second down to 0, and a function that starts a wait of
 * so many seconds. Each tick is measured against the clock, so a slow or throttled timer (a tab in
 * the background) never makes the wait look longer than it is.
 */
export function useCountdown(): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(0);
  const until = useRef(0);
  const start = useCallback((seconds: number) => {
    until.current = Date.now() + seconds * 1000;
    setLeft(seconds);
  }, []);
  const running = left > 0;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setLeft(Math.max(0, Math.ceil((until.current - Date.now()) / 1000))), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return [left, start];
}
