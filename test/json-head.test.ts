// The pure part of detection: what the first bytes of a JSON export say about its layout and
// the spelling of its keys (src/ingest/json-head.ts), without parsing its records.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeJsonHead, keyCasing } from '../src/ingest/json-head.ts';

describe('describeJsonHead', () => {
  test('one record per line, whatever the key order', () => {
    const head = describeJsonHead('{"Level":4,"callerIpAddress":"1.2.3.4","category":"SignInLogs","properties":{"id":"a"},"time":"t"}\n{"Level":4}\n');
    assert.deepEqual(head, { container: 'lines', envelope: null, keys: ['Level', 'callerIpAddress', 'category', 'properties', 'time'], empty: false, truncated: false });
  });

  test('a record over several lines is a stream of values, not lines', () => {
    assert.equal(describeJsonHead('{\n  "time": "t",\n  "category": "SignInLogs"\n}\n')?.container, 'values');
  });

  test('one line without a final line feed is still one record per line', () => {
    assert.equal(describeJsonHead('{"id":"a","createdDateTime":"t"}')?.container, 'lines');
  });

  test('an array: the keys of its first element', () => {
    assert.deepEqual(describeJsonHead('[\n  {"TenantId": "x", "TimeGenerated": "t", "Id": "a"},\n  {"Id": "b"}\n]'), {
      container: 'array',
      envelope: null,
      keys: ['TenantId', 'TimeGenerated', 'Id'],
      empty: false,
      truncated: false,
    });
    assert.deepEqual(describeJsonHead('[ ]'), { container: 'array', envelope: null, keys: [], empty: true, truncated: false });
  });

  test('envelopes: the keys of the first record they hold', () => {
    assert.deepEqual(describeJsonHead('{"records": [{"time": "t", "category": "SignInLogs"}]}')?.keys, ['time', 'category']);
    const page = describeJsonHead('{"@odata.context": "https://graph.microsoft.com/beta/$metadata#auditLogs/signIns", "value": [{"id": "a", "createdDateTime": "t"}], "@odata.nextLink": "x"}');
    assert.deepEqual([page?.envelope, page?.keys], ['value', ['id', 'createdDateTime']]);
    assert.equal(describeJsonHead('{"tables": [{"name": "PrimaryResult", "columns": [{"name": "Id"}], "rows": [["a"]]}]}')?.envelope, 'tables');
  });

  test('strings with braces, brackets, quotes and escapes do not confuse it', () => {
    const head = describeJsonHead('{"displayName":"CA \\"{[\\" }","id":"\\u0041","time":"t"}\n');
    assert.deepEqual([head?.container, head?.keys], ['lines', ['displayName', 'id', 'time']]);
  });

  test('a head that ends inside the first record says so', () => {
    assert.equal(describeJsonHead('[{"Id": "c-1", "TimeGenerated": "2026-11-20T10:00:00Z"')?.truncated, true);
    assert.equal(describeJsonHead('{"time": "t", "properties": {"id": "a", "appDisplayName": "Out')?.truncated, true);
  });

  test('white space of any kind between values; a head that ends on an escape or a number is cut', () => {
    assert.deepEqual(describeJsonHead('{"a":1,\u00a0"b":true ,\t"c":null}\r\n{"a":2}'), {
      container: 'lines',
      envelope: null,
      keys: ['a', 'b', 'c'],
      empty: false,
      truncated: false,
    });
    assert.equal(describeJsonHead('{"time": "t", "id": "ab\\')?.truncated, true);
    assert.equal(describeJsonHead('{"time": "t", "durationMs": 12')?.truncated, true);
    assert.deepEqual(describeJsonHead('{"k\\u00e9y": [1, {"x": "]"}], "id": "a"}\n')?.keys, ['kéy', 'id']);
  });

  test('text that is not JSON', () => {
    assert.equal(describeJsonHead('# Sample exports\n'), null);
  });
});

describe('keyCasing', () => {
  test('by the majority of first letters, Level aside', () => {
    assert.equal(keyCasing(['Level', 'callerIpAddress', 'category', 'properties', 'time']), 'camel');
    assert.equal(keyCasing(['TenantId', 'SourceSystem', 'TimeGenerated', 'Id']), 'pascal');
    assert.equal(keyCasing(['@odata.type', 'id', 'createdDateTime']), 'camel');
    assert.equal(keyCasing(['Category', 'CorrelationId', 'CreatedDateTime', 'DurationMs', 'TenantId']), 'pascal');
    assert.equal(keyCasing([]), 'camel');
  });
});
