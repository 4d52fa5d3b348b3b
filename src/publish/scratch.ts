/** Buffers are made in steps of this many bytes, so one serves the next feed of about the same size. */
const STEP = 64 * 1024;
/** Bytes of buffers handed back kept for the next feeds; past it a buffer handed back is left to the collector. */
const KEEP_BYTES = 32 * 1024 * 1024;

/**
 * Memory that each feed's pieces are joined into, for a build that keeps no feed's bytes once the feed is staged
 * (the CLI's: bytes on demand). A cold build of 10,000 records joins 86 MB of feeds; joined into fresh memory
 * each time, that was mostly page faults and collections (bench/README.md), where the few MB handed back as each
 * feed is staged serve them all. Whoever joins must hand a buffer back with release() only once nothing reads
 * its bytes any more: the next join writes over them.
 */
export class ScratchBuffers {
  /** Whole buffers handed back, to be joined into again. */
  private readonly free: Buffer[] = [];
  /** The memory of each joined document out now (weakly: one never handed back, say of a failed build, is let go). */
  private readonly out = new WeakSet<ArrayBufferLike>();
  private freeBytes = 0;

  constructor(private readonly keepBytes = KEEP_BYTES) {}

  /** The pieces, one after another, in a buffer of this pool's: the same bytes as Buffer.concat(chunks). */
  join(chunks: readonly Buffer[]): Buffer {
    let size = 0;
    for (const chunk of chunks) size += chunk.length;
    const whole = this.take(size);
    let at = 0;
    for (const chunk of chunks) at += chunk.copy(whole, at);
    this.out.add(whole.buffer);
    return whole.subarray(0, size);
  }

  /** Takes back a document join() gave, whose bytes nothing reads any more; any other buffer is left alone. */
  release(joined: Buffer): void {
    if (!this.out.delete(joined.buffer)) return;
    const whole = Buffer.from(joined.buffer); // the whole memory again, not a copy
    if (this.freeBytes + whole.length > this.keepBytes) return;
    this.free.push(whole);
    this.freeBytes += whole.length;
  }

  /** The smallest buffer handed back that holds `size` bytes, else a new one of its own memory. */
  private take(size: number): Buffer {
    let best = -1;
    for (const [index, buffer] of this.free.entries()) {
      if (buffer.length >= size && (best < 0 || buffer.length < (this.free[best]?.length ?? 0))) best = index;
    }
    const [reused] = best < 0 ? [] : this.free.splice(best, 1);
    if (reused) {
      this.freeBytes -= reused.length;
      return reused;
    }
    // allocUnsafeSlow: memory of its own (not a slice of Node's shared pool), so `buffer` names this one alone.
    return Buffer.allocUnsafeSlow(Math.max(STEP, Math.ceil(size / STEP) * STEP));
  }
}
