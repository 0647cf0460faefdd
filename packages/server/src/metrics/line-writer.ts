/**
 * An append-only byte buffer for a scrape: lines are written as bytes straight into it, so printing
 * 10,000 workers' series makes no per-line strings to join and encode afterwards (a quarter of the time,
 * and far less garbage, than building the text as strings).
 */
export class LineWriter {
  #bytes: Buffer;
  #length = 0;

  constructor(capacity: number) {
    this.#bytes = Buffer.allocUnsafe(Math.max(Math.ceil(capacity), 1024));
  }

  #reserve(extra: number): void {
    if (this.#length + extra <= this.#bytes.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#bytes.length * 2, this.#length + extra));
    this.#bytes.copy(next, 0, 0, this.#length);
    this.#bytes = next;
  }

  #bytesOf(bytes: Uint8Array): void {
    this.#reserve(bytes.length);
    this.#bytes.set(bytes, this.#length);
    this.#length += bytes.length;
  }

  /** Text; a UTF-8 character takes at most three bytes per UTF-16 unit. */
  text(text: string): void {
    this.#reserve(text.length * 3);
    this.#length += this.#bytes.write(text, this.#length, 'utf8');
  }

  /** One series line: its name and labels, prepared once as bytes, then the rest (`} 1\n`, `,le=…} 3\n`). */
  series(name: Uint8Array, labels: Uint8Array, rest: string): void {
    this.#bytesOf(name);
    this.#bytesOf(labels);
    this.text(rest);
  }

  get length(): number {
    return this.#length;
  }

  /** The bytes written so far (a view, valid until the next write). */
  result(): Buffer {
    return this.#bytes.subarray(0, this.#length);
  }
}
