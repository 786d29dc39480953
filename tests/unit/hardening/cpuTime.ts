/**
 * The CPU time a call takes, in ms (user + system of this process): unlike the wall clock it does
 * not grow when the machine's other processes take the cores, so complexity bounds do not flake.
 */
export function cpuMs<T>(fn: () => T): { ms: number; value: T } {
  const before = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, value };
}
