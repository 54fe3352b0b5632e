// Reads a process's CPU time, resident memory and disk writes from /proc (Linux), so the
// bench can report what a server process used while a load ran.
import { readFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat times (CLK_TCK, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface ProcSample {
  /** performance.now() when sampled. */
  at: number;
  /** User plus system CPU time so far. */
  cpuMs: number;
  rssBytes: number;
  /** Bytes the process caused to be written to storage so far (0 if unreadable). */
  writeBytes: number;
}

export function sampleProcess(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  let writeBytes = 0;
  try {
    writeBytes = Number(/write_bytes: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
  } catch {
    // /proc/<pid>/io needs the same user or CAP_SYS_PTRACE; the figure is then omitted.
  }
  return {
    at: performance.now(),
    cpuMs: (ticks * 1000) / TICKS_PER_SECOND,
    rssBytes: Number(rss?.[1]) * 1024,
    writeBytes,
  };
}

export interface ProcUsage {
  seconds: number;
  /** Average CPU use over the interval, in percent of one core. */
  cpuPercent: number;
  cpuMs: number;
  writeBytes: number;
}

/** What the process used between two samples. */
export function usageBetween(from: ProcSample, to: ProcSample): ProcUsage {
  const seconds = (to.at - from.at) / 1000;
  const cpuMs = to.cpuMs - from.cpuMs;
  return { seconds, cpuMs, cpuPercent: cpuMs / 10 / seconds, writeBytes: to.writeBytes - from.writeBytes };
}
