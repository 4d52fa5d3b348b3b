/**
 * Promise.all, telling `counted` how many have settled each time one does, but failing only once every one has
 * settled: none is left staging while the build throws its staging away.
 */
export async function allCounted<T>(work: ReadonlyArray<Promise<T>>, counted: (done: number) => void): Promise<T[]> {
  let done = 0;
  counted(done);
  const settled = await Promise.allSettled(
    work.map(async (promise) => {
      const value = await promise;
      counted((done += 1));
      return value;
    }),
  );
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<T>).value);
}
