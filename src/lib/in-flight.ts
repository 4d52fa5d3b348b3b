/**
 * Writes that go on while their caller makes the next ones, bounded by the bytes they hold: the caller adds each
 * write with its size and waits for room() before it makes more, so it waits for the disk only when the disk is
 * that far behind. A failure is raised (by room() or finish()) only once every write added has finished, so
 * none is left half done, as settleAll does.
 */
export class WritesInFlight {
  private bytes = 0;
  private readonly pending = new Set<Promise<void>>();
  private failure: { readonly reason: unknown } | undefined;

  /** Bytes the writes not finished yet may hold before room() waits. */
  constructor(private readonly limit: number) {}

  add(write: Promise<void>, bytes: number): void {
    this.bytes += bytes;
    const settled: Promise<void> = write.then(
      (): void => this.settle(settled, bytes),
      (reason: unknown): void => {
        this.failure ??= { reason };
        this.settle(settled, bytes);
      },
    );
    this.pending.add(settled);
  }

  /** Waits until the writes not finished hold no more than the limit; throws a write's failure (after all end). */
  async room(): Promise<void> {
    while (this.bytes > this.limit && this.failure === undefined) await Promise.race(this.pending);
    if (this.failure !== undefined) await this.finish();
  }

  /** Waits for every write added; throws the first failure once all have finished. */
  async finish(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
    const { failure } = this;
    if (failure !== undefined) throw failure.reason;
  }

  private settle(settled: Promise<void>, bytes: number): void {
    this.bytes -= bytes;
    this.pending.delete(settled);
  }
}
