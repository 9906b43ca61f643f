/**
 * What long-running commands show: a line of progress rewritten in place on a terminal, nothing
 * when the output is piped (API.md: "Long-running commands show progress on a terminal and stay
 * quiet when piped").
 */
export class ProgressLine {
  private readonly shown: boolean;
  private written = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.shown = stream.isTTY === true;
  }

  update(text: string): void {
    if (!this.shown) return;
    this.stream.write(`\r\x1b[2K${text}`);
    this.written = true;
  }

  /** Leaves the last line standing and moves below it. */
  done(): void {
    if (this.shown && this.written) this.stream.write('\n');
  }
}

/** A whole number as the British write it: 200,600. */
export const count = (value: number): string => Math.round(value).toLocaleString('en-GB');
