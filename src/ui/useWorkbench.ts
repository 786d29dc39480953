import { useSyncExternalStore } from 'react';
import type { Workbench, WorkbenchSnapshot } from '../app/workbench';

/** The workbench's state, re-rendering on each change of it. */
export function useWorkbench(workbench: Workbench): WorkbenchSnapshot {
  return useSyncExternalStore(workbench.subscribe, workbench.getSnapshot);
}
