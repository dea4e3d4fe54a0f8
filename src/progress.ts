/** A one-line progress bar on stderr, redrawn in place; only for a person watching a terminal. */
export class ProgressBar {
  private lastDrawn = '';

  update(label: string, fraction: number): void {
    const width = Math.max(10, Math.min(30, (process.stderr.columns || 80) - label.length - 20));
    const clamped = Math.max(0, Math.min(1, fraction));
    const filled = Math.round(clamped * width);
    const line = `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${(clamped * 100).toFixed(0).padStart(3)}% ${label}`;
    const columns = process.stderr.columns || 80;
    const fitted = line.length >= columns ? `${line.slice(0, columns - 2)}…` : line;
    if (fitted === this.lastDrawn) return;
    this.lastDrawn = fitted;
    process.stderr.write(`\r\x1b[2K${fitted}`);
  }

  clear(): void {
    if (this.lastDrawn) process.stderr.write('\r\x1b[2K');
    this.lastDrawn = '';
  }
}
