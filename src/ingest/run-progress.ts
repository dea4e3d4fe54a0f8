import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The steps of a run: reading the files (staging), storing the records, storing their original
 * texts (ingest only), computing the requests.
 */
export type RunStep = 'reading' | 'records' | 'texts' | 'requests';

export interface IngestProgress {
  readonly step: RunStep;
  /** How much of the whole run is done, from 0 to 1: each step weighted by its usual share (SHARES). */
  readonly done: number;
  /** Reading: bytes of the files read so far, of all. */
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** The file being read (or whose original texts are stored), and its place among the run's files. */
  readonly file: string;
  readonly fileIndex: number;
  readonly fileCount: number;
}

/** Where a part of a run is, besides how far: the step, and the file it works on. */
export type RunPlace = Omit<IngestProgress, 'done'>;

/**
 * Each step's usual share of a run's time, from the runs traced in BENCHMARKS.md: an ingest that
 * keeps the original records spent 28-36% of its time reading, 18-31% storing the records, 37-41%
 * storing their texts and 4-5% on requests (1 GB and 5 GB of NDJSON); a report straight from files
 * is mostly reading (85%), then requests. So the bar crosses the whole run, and its time left is
 * the run's, not the reading's.
 */
const SHARES: Record<'kept' | 'read', Record<RunStep, number>> = {
  kept: { reading: 0.32, records: 0.24, texts: 0.39, requests: 0.05 },
  read: { reading: 0.83, records: 0.02, texts: 0, requests: 0.15 },
};

const ORDER: readonly RunStep[] = ['reading', 'records', 'texts', 'requests'];

/**
 * How far a run is, for its progress bar. The run marks where each part of a step begins and
 * ends (`part`); while a part's statement runs, DuckDB's own progress of it (the bytes or rows it
 * has scanned) moves the bar across that part. Never backwards.
 */
export class RunProgress {
  private readonly shares: Record<RunStep, number>;
  private start = 0;
  private width = 0;
  private done = 0;
  private place: ((partDone: number) => RunPlace) | null = null;
  private readonly ticker: ReturnType<typeof setInterval>;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly report: (progress: IngestProgress) => void,
    keepsRecords: boolean,
  ) {
    this.shares = SHARES[keepsRecords ? 'kept' : 'read'];
    this.ticker = setInterval(() => this.tick(), 200);
  }

  /**
   * A part of a step begins: from `from` to `to` (fractions of the step). The statements run until
   * the next part move the bar across it (a part of width 0 holds it where it is); `place` says
   * where the part is once that share of it (0 to 1) is done.
   */
  part(step: RunStep, from: number, to: number, place: (partDone: number) => Omit<RunPlace, 'step'>): void {
    const offset = ORDER.slice(0, ORDER.indexOf(step)).reduce((sum, before) => sum + this.shares[before], 0);
    const share = this.shares[step];
    this.start = offset + share * from;
    this.width = share * Math.max(0, to - from);
    this.place = (partDone) => ({ step, ...place(partDone) });
    this.tick();
  }

  private tick(): void {
    if (!this.place) return;
    const partDone = Math.max(0, Math.min(100, this.connection.progress.percentage)) / 100;
    this.done = Math.max(this.done, Math.min(1, this.start + this.width * partDone));
    this.report({ ...this.place(partDone), done: this.done });
  }

  stop(): void {
    clearInterval(this.ticker);
    this.place = null;
  }
}
