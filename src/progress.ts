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

/** What the bar of a run reading exports shows: bytes read of all files, the file, and on long runs the rate and time left. */
export function readingProgress(
  progress: { readonly phase: 'reading' | 'storing'; readonly bytesDone: number; readonly bytesTotal: number; readonly file: string; readonly fileIndex: number; readonly fileCount: number },
  startedAt: number,
  verb = 'file',
): { label: string; fraction: number } {
  if (progress.phase === 'storing') return { label: 'storing…', fraction: 1 };
  const fraction = progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : 0;
  const seconds = (Date.now() - startedAt) / 1000;
  const rate = seconds > 0 ? progress.bytesDone / seconds : 0;
  const timing =
    seconds >= 3 && rate > 0 && fraction > 0.01
      ? `, ${(rate / 1024 / 1024).toFixed(rate >= 10 * 1024 * 1024 ? 0 : 1)} MB/s, ${clock((progress.bytesTotal - progress.bytesDone) / rate)} left`
      : '';
  return { label: `${verb} ${progress.fileIndex + 1}/${progress.fileCount} ${progress.file}${timing}`, fraction };
}

const clock = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600 ? `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
