// Microsoft's own KQL analyser (Kusto.Language, as the npm package @kusto/language-service-next),
// loaded once, with a database declaring SigninLogs and AADNonInteractiveUserSignInLogs with the
// column types they have in Log Analytics: the nested columns dynamic in one and string in the other.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Bridge.NET's runtime first: the library defines the globals Bridge and Kusto, and exports nothing.
require('@kusto/language-service-next/bridge.min.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');

/* eslint-disable @typescript-eslint/no-explicit-any */
const g = globalThis as any;
const K = g.Kusto.Language;
const S = K.Symbols;
const toArray = (list: unknown): any[] => g.Bridge.toArray(list);

const COMMON = [
  'TimeGenerated:datetime', 'Id:string', 'UserPrincipalName:string', 'UserId:string', 'UserDisplayName:string', 'UserType:string',
  'AppDisplayName:string', 'AppId:string', 'ResourceDisplayName:string', 'ResourceIdentity:string', 'ClientAppUsed:string',
  'UserAgent:string', 'IPAddress:string', 'CorrelationId:string', 'OriginalRequestId:string', 'ResultType:string',
  'ConditionalAccessStatus:string', 'AADTenantId:string', 'Type:string',
];
const NESTED = ['ConditionalAccessPolicies', 'DeviceDetail', 'Status', 'TokenProtectionStatusDetails', 'LocationDetails'];
const table = (name: string, nestedType: string) =>
  new S.TableSymbol.$ctor7(name, `(${[...COMMON, ...NESTED.map((n) => `${n}:${nestedType}`)].join(', ')})`, null);

const globals = K.GlobalState.Default.WithDatabase(
  new S.DatabaseSymbol.ctor('LogAnalytics', [table('SigninLogs', 'dynamic'), table('AADNonInteractiveUserSignInLogs', 'string')]),
);

export interface Analysis {
  readonly diagnostics: readonly { severity: string; code: string; message: string; start: number; length: number }[];
  /** The result's columns and KQL types, or null when the query does not yield a table. */
  readonly columns: readonly { name: string; type: string }[] | null;
}

export function analyse(text: string): Analysis {
  const code = K.KustoCode.ParseAndAnalyze(text, globals);
  const diagnostics = toArray(code.GetDiagnostics()).map((d: any) => ({ severity: d.Severity, code: d.Code, message: d.Message, start: d.Start, length: d.Length }));
  const result = code.ResultType;
  const columns = result && g.Bridge.is(result, S.TableSymbol) ? toArray(result.Columns).map((c: any) => ({ name: c.Name as string, type: c.Type.Name as string })) : null;
  return { diagnostics, columns };
}

/** The KQL type a DuckDB result column corresponds to. */
export function kqlTypeOf(duckdbType: string): string {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(duckdbType)) return 'long';
  if (/^(FLOAT|DOUBLE|DECIMAL)/.test(duckdbType)) return 'real';
  if (/^(DATE|TIMESTAMP)/.test(duckdbType)) return 'datetime';
  if (duckdbType === 'BOOLEAN') return 'bool';
  return 'string';
}
