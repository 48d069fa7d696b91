/** Runs async calls one after another in call order, so overlapping read() calls stay correct */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve()

  /** Starts `fn` once every earlier call has settled; resolves or rejects as `fn` does */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn)
    this.tail = result.catch(() => undefined)
    return result
  }
}
