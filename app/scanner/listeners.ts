// Subscriber lists shared by the ScanSource implementations.

/** A list of listeners; one throwing listener neither stops the others nor the device. */
export class Listeners<T> {
  readonly #fns = new Set<(value: T) => void>();

  add(fn: (value: T) => void): () => void {
    // A wrapper per subscription, so subscribing the same function twice gives two deliveries and
    // each unsubscribe removes only its own.
    const entry = (value: T): void => fn(value);
    this.#fns.add(entry);
    return () => {
      this.#fns.delete(entry);
    };
  }

  emit(value: T): void {
    for (const fn of [...this.#fns]) {
      try {
        fn(value);
      } catch (error) {
        console.error('scanner listener failed:', error);
      }
    }
  }
}

/** Status listeners that hear the current status on subscribing, and only real changes after. */
export class StatusListeners<T extends { state: string; message?: string }> {
  readonly #list = new Listeners<T>();
  #current: T;

  constructor(initial: T) {
    this.#current = initial;
  }

  get current(): T {
    return this.#current;
  }

  add(fn: (value: T) => void): () => void {
    const off = this.#list.add(fn);
    fn(this.#current);
    return off;
  }

  set(value: T): void {
    // Pollers report the same state every round; listeners hear each state once.
    if (value.state === this.#current.state && value.message === this.#current.message) return;
    this.#current = value;
    this.#list.emit(value);
  }
}
