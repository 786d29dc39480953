import { useSyncExternalStore } from 'react';
import type { DocumentSession, SessionSnapshot } from '../app/documentSession';

export function useSessionSnapshot(session: DocumentSession): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}
