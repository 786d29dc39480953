import type { Block } from '../domain/layout';
import { u16, type Utf16Offset } from '../domain/units';

/**
 * Maps UTF-16 text offsets to ProseMirror positions and back, by binary search over the blocks.
 *
 * Inside a block, positions and UTF-16 offsets advance together: text counts UTF-16 units and a
 * line break inside a block is a hard-break node of size 1 standing for its "\n". Between blocks
 * (the blank lines), the text has characters the document has no position for; an offset there
 * maps to the nearest block edge in the direction asked for.
 */
export class PositionMap {
  /** Text offset where each block starts / ends (UTF-16). */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** ProseMirror position of the first content position of each block. */
  private readonly contentPos: Int32Array;
  readonly textLength: number;

  constructor(blocks: readonly Block[], contentPositions: readonly number[], textLength: number) {
    this.starts = Int32Array.from(blocks, (b) => b.start);
    this.ends = Int32Array.from(blocks, (b) => b.end);
    this.contentPos = Int32Array.from(contentPositions);
    this.textLength = textLength;
  }

  get blockCount(): number {
    return this.starts.length;
  }

  /** Index of the last block starting at or before offset, or -1. */
  private blockAtOffset(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /**
   * The position of a text offset. `side` says where an offset between blocks goes: 'start' to
   * the start of the next block (for the start of a range), 'end' to the end of the previous one.
   */
  posAtOffset(offset: Utf16Offset, side: 'start' | 'end'): number {
    if (offset < 0 || offset > this.textLength) {
      throw new RangeError(`text offset ${offset} is outside the text (0..${this.textLength})`);
    }
    if (this.starts.length === 0) return 1;
    const i = this.blockAtOffset(offset);
    if (i >= 0 && offset <= this.ends[i]!) return this.contentPos[i]! + (offset - this.starts[i]!);
    if (side === 'end') {
      if (i < 0) return this.contentPos[0]!;
      return this.contentPos[i]! + (this.ends[i]! - this.starts[i]!);
    }
    const next = i + 1;
    if (next >= this.starts.length) {
      const last = this.starts.length - 1;
      return this.contentPos[last]! + (this.ends[last]! - this.starts[last]!);
    }
    return this.contentPos[next]!;
  }

  /** The text offset of a position; a position outside any block snaps to the nearest block edge. */
  offsetAtPos(pos: number): Utf16Offset {
    const n = this.contentPos.length;
    if (n === 0) return u16(0);
    let lo = 0;
    let hi = n - 1;
    let i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.contentPos[mid]! <= pos) {
        i = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (i < 0) return u16(this.starts[0]!);
    const length = this.ends[i]! - this.starts[i]!;
    return u16(this.starts[i]! + Math.min(pos - this.contentPos[i]!, length));
  }
}
