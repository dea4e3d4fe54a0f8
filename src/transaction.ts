/** What a transaction needs of a connection; DuckDBConnection has it. */
export interface SqlRunner {
  run(sql: string): Promise<unknown>;
}

/** An open transaction: commit once, or roll back (which never throws). */
export interface Transaction {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * BEGIN on the connection. For callers that must act between the work and the COMMIT (say, decide
 * on Ctrl-C that came late); withTransaction is the usual form.
 */
export async function beginTransaction(connection: SqlRunner): Promise<Transaction> {
  await connection.run('BEGIN TRANSACTION');
  let open = true;
  return {
    async commit() {
      open = false;
      try {
        await connection.run('COMMIT');
      } catch (error) {
        // A failed COMMIT (a full disk, a folder where the .wal cannot be written) may leave the
        // transaction open; its error is the one that matters.
        await connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    async rollback() {
      if (!open) return;
      open = false;
      await connection.run('ROLLBACK').catch(() => undefined);
    },
  };
}

/**
 * Runs work in one transaction: COMMIT when it succeeds, ROLLBACK when it or the COMMIT fails. The
 * error thrown is always the first one, never the rollback's.
 */
export async function withTransaction<T>(connection: SqlRunner, work: () => Promise<T>): Promise<T> {
  const transaction = await beginTransaction(connection);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
  await transaction.commit();
  return result;
}
