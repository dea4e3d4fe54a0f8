import { Interrupted } from './errors.js';

/** Runs work with an AbortSignal that Ctrl-C (SIGINT) or SIGTERM fires, so the work can stop and roll back. */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** What Ctrl-C needs of a connection; DuckDBConnection has it. */
export interface Interruptible {
  interrupt(): void;
}

/**
 * Runs DuckDB work that the signal can stop: an abort interrupts the running query, and whatever
 * error the work then throws becomes Interrupted (exit 130) with `message`, which says what was
 * left as it was. Work that finished before the signal keeps its result.
 */
export async function interruptibly<T>(connection: Interruptible, signal: AbortSignal | undefined, work: () => Promise<T>, message?: string): Promise<T> {
  if (!signal) return work();
  if (signal.aborted) throw new Interrupted(message);
  const interrupt = () => connection.interrupt();
  signal.addEventListener('abort', interrupt);
  try {
    return await work();
  } catch (error) {
    throw signal.aborted ? new Interrupted(message) : error;
  } finally {
    signal.removeEventListener('abort', interrupt);
  }
}
