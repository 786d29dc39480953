/**
 * The browser's storage full, as IndexedDB reports it: every put and add throws
 * QuotaExceededError (Chromium's IndexedDB in browser tests, fake-indexeddb in unit tests).
 * Returns the function that gives the storage back.
 */
export function fillTheDisk(): () => void {
  const proto = IDBObjectStore.prototype;
  const { put, add } = proto;
  const fail = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  proto.put = fail;
  proto.add = fail;
  return () => {
    proto.put = put;
    proto.add = add;
  };
}
