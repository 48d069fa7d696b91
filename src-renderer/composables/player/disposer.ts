// One owner for a part's listeners: everything it subscribes goes in, and one call takes it all
// out again, the latest first (as wavesurfer.js's plugins keep their `subscriptions`).

export class Disposer {
  private offs: (() => void)[] = []

  /** Keeps an unsubscribe (what an `on()` returns) until `dispose`. */
  add(off: () => void): void {
    this.offs.push(off)
  }

  /** Listens to a DOM event until `dispose`. */
  listen<K extends keyof HTMLElementEventMap>(
    el: HTMLElement,
    type: K,
    fn: (e: HTMLElementEventMap[K]) => void,
    options?: AddEventListenerOptions,
  ): void {
    el.addEventListener(type, fn, options)
    this.add(() => el.removeEventListener(type, fn, options))
  }

  /** Unsubscribes everything, the latest first; a second call does nothing. */
  dispose(): void {
    for (const off of this.offs.splice(0).reverse()) off()
  }
}
