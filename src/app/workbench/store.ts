/**
 * The store under the open record's session, and its conflict policy: a change another tab got
 * to first is refused by the library (`ConflictError`), and the session then shows what is stored.
 */
import type { Annotation } from '../../domain/annotation';
import { ConflictError, type Library } from '../../storage/library';
import type { AnnotationStore, DocumentSession } from '../documentSession';

/** A record's stored annotations; a record deleted meanwhile has none. */
export async function storedAnnotations(library: Library, docId: string): Promise<Annotation[]> {
  return (await library.loadDocument(docId))?.annotations ?? [];
}

/**
 * Writes a session's changes to the library. `counted` hears how many annotations each stored
 * change added (negative: removed), for the record list.
 */
export function sessionStore(library: Library, session: () => DocumentSession, counted: (docId: string, delta: number) => void): AnnotationStore {
  return {
    applyChange: async (docId, change) => {
      try {
        await library.applyChange(docId, change);
      } catch (error) {
        // Another tab changed these annotations first: show what is stored now.
        if (error instanceof ConflictError) session().refreshFromStore(() => storedAnnotations(library, docId));
        throw error;
      }
      counted(docId, change.added.length - change.removed.length);
    },
  };
}
