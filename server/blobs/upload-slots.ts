// One upload of a blob at a time per user. A newer upload of the same blob stops the older
// one and waits for it to end before it starts: the older is usually a connection that died
// without the server noticing yet (a phone that changed networks), and its device is the one
// retrying. Each keeps the whole chunks it wrote, so taking over loses nothing.

interface Running {
  stop: () => void;
  ended: Promise<void>;
}

export class UploadSlots {
  private readonly running = new Map<string, Running>();

  /**
   * Waits until no other upload of the blob runs (stopping the one that does), then holds the
   * slot until the returned function is called. `stop` is how another upload stops this one.
   */
  async take(userId: string, sha256: string, stop: () => void): Promise<() => void> {
    const key = `${userId}/${sha256}`;
    for (let other = this.running.get(key); other; other = this.running.get(key)) {
      other.stop();
      await other.ended;
    }
    let release!: () => void;
    const ended = new Promise<void>((resolve) => {
      release = resolve;
    });
    const mine = { stop, ended };
    this.running.set(key, mine);
    return () => {
      if (this.running.get(key) === mine) this.running.delete(key);
      release();
    };
  }

  /** Stops every upload of the user and waits for them to end (the account is going). */
  async stopUser(userId: string): Promise<void> {
    const theirs = [...this.running].filter(([key]) => key.startsWith(`${userId}/`)).map(([, r]) => r);
    for (const upload of theirs) upload.stop();
    await Promise.all(theirs.map((upload) => upload.ended));
  }
}
