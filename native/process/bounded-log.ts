/** Keeps the last `limit` characters of a program's diagnostics (docs/ARCHITECTURE.md, Rule 4). */
export class BoundedLog {
  private chunks: string[] = [];
  private length = 0;
  private dropped = false;

  constructor(private readonly limit = 64 * 1024) {}

  append(text: string): void {
    this.chunks.push(text);
    this.length += text.length;
    while (this.length > this.limit && this.chunks.length > 1) {
      this.length -= this.chunks.shift()?.length ?? 0;
      this.dropped = true;
    }
  }

  toString(): string {
    let text = this.chunks.join('');
    if (text.length > this.limit) {
      text = text.slice(text.length - this.limit);
      this.dropped = true;
    }
    return this.dropped ? `[earlier output trimmed]\n${text}` : text;
  }

  /** The last non-empty line, usually ffmpeg's reason for failing. */
  lastLine(): string {
    const lines = this.chunks
      .join('')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
    return lines.at(-1) ?? '';
  }
}
