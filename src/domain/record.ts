import type { Annotation } from './annotation';
import type { MeetingDocument } from './document';

/**
 * A record with its annotations: what an import reads, what the library stores and exports, what
 * every format writes. The one type for it (it was `AnnotatedRecord` in storage and
 * `AnnotatedRecord` in io).
 */
export interface AnnotatedRecord {
  document: MeetingDocument;
  annotations: Annotation[];
}
