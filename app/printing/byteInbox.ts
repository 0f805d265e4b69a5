// Bytes a printer sent, waiting to be read: sockets and serial ports push them as they come, the
// status reader pulls them one at a time with a timeout.

export class ByteInbox {
  private queue: number[] = [];
  private waiter: ((b: number | null) => void) | null = null;
  private ended = false;

  push(chunk: Uint8Array): void {
    for (const b of chunk) this.queue.push(b);
    this.wake();
  }

  /** The connection is gone: pending and later reads get null at once. */
  end(): void {
    this.ended = true;
    this.wake();
  }

  discard(): void {
    this.queue = [];
  }

  readByte(timeoutMs: number): Promise<number | null> {
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift()!);
    if (this.ended || timeoutMs <= 0) return Promise.resolve(null);
    if (this.waiter) return Promise.reject(new Error('ByteInbox: one reader at a time'));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, timeoutMs);
      this.waiter = (b) => {
        clearTimeout(timer);
        this.waiter = null;
        resolve(b);
      };
    });
  }

  private wake(): void {
    if (!this.waiter) return;
    if (this.queue.length > 0) this.waiter(this.queue.shift()!);
    else if (this.ended) this.waiter(null);
  }
}
