import type { IngestProgress } from './ingest/run-progress.js';

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

/**
 * What the bar of a run reading exports shows: how much of the whole run is done (reading, then
 * storing), what it works on (the file being read, the step) and, on long runs, the reading rate
 * and the run's time left.
 */
export function readingProgress(progress: IngestProgress, startedAt: number, verb = 'file'): { label: string; fraction: number } {
  const seconds = (Date.now() - startedAt) / 1000;
  const long = seconds >= 3 && progress.done > 0.01;
  const left = long ? `${clock((seconds * (1 - progress.done)) / progress.done)} left` : '';
  const where = `${progress.fileIndex + 1}/${progress.fileCount} ${progress.file}`;
  let label: string;
  switch (progress.step) {
    case 'reading': {
      const rate = seconds > 0 ? progress.bytesDone / seconds : 0;
      const timing = long && rate > 0 ? `, ${(rate / 1024 / 1024).toFixed(rate >= 10 * 1024 * 1024 ? 0 : 1)} MB/s, ${left}` : '';
      return { label: `${verb} ${where}${timing}`, fraction: progress.done };
    }
    case 'records':
      label = 'storing the records';
      break;
    case 'texts':
      label = `keeping the original records, file ${where}`;
      break;
    case 'requests':
      label = 'computing the requests';
      break;
  }
  return { label: left ? `${label}, ${left}` : `${label}…`, fraction: progress.done };
}

const clock = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600 ? `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
