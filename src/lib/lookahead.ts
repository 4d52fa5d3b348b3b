/**
 * Walks a list batch by batch while the work each batch needs (started by `start`) runs a few batches ahead:
 * next() starts batches up to `depth` ahead of the one it hands out, and hands it out once its work is done.
 */
export class Lookahead<T> {
  private started = 0;
  private readonly queue: Array<{ readonly batch: readonly T[]; readonly work: Promise<void> }> = [];

  constructor(
    private readonly list: readonly T[],
    private readonly size: number,
    private readonly depth: number,
    private readonly start: (batch: readonly T[]) => Promise<void>,
    /** How a batch's work is waited for (by default, just awaited). */
    private readonly wait: (work: Promise<void>) => Promise<void> = (work) => work,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size: ${size}`);
    if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`depth: ${depth}`);
  }

  /** The next batch once its work is done (a failure of that work is thrown); undefined after the last. */
  async next(): Promise<readonly T[] | undefined> {
    while (this.queue.length < this.depth && this.started < this.list.length) {
      const batch = this.list.slice(this.started, this.started + this.size);
      this.started += batch.length;
      const work = this.start(batch);
      work.catch(() => undefined); // thrown by next() when its batch is handed out; not unhandled meanwhile
      this.queue.push({ batch, work });
    }
    const head = this.queue.shift();
    if (head === undefined) return undefined;
    await this.wait(head.work);
    return head.batch;
  }

  /** Waits for the work started and not handed out, whatever its outcome: for a walk that stops early. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.queue.splice(0).map(({ work }) => work));
  }
}
