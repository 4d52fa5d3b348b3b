/**
 * The result of the last computation, given again while it is asked for with the very same key (each part
 * compared with ===): for steps of a build whose inputs are the same objects from build to build.
 */
export class LastResult<K extends readonly unknown[], R> {
  private last: { readonly key: K; readonly result: R } | undefined;

  get(key: K, compute: () => R): R {
    const { last } = this;
    if (last?.key.length === key.length && last.key.every((part, index) => part === key[index])) return last.result;
    const result = compute();
    this.last = { key, result };
    return result;
  }
}
