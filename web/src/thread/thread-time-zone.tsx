import { DEFAULT_TIME_ZONE } from "@contract/threads";
import { createContext, useContext } from "react";
import { formatClock, formatFullMoment } from "./zoned-time";

/** The open thread's property time zone, so every time in the thread reads as the hotel's clock. */
export const ThreadTimeZone = createContext<string>(DEFAULT_TIME_ZONE);

export const useThreadTimeZone = () => useContext(ThreadTimeZone);

/** A moment in the thread: the clock time at the property, the full date and zone on hover. */
export function ThreadClock({ at, className }: { at: string; className?: string }) {
  const timeZone = useThreadTimeZone();
  return (
    <time className={className} dateTime={at} title={formatFullMoment(at, timeZone)}>
      {formatClock(at, timeZone)}
    </time>
  );
}
