import { columnNames, insertRows, jsonText } from './json-rows.js';

describe('rows handed to PostgreSQL as one JSON parameter', () => {
  it('writes the rows as JSON', () => {
    expect(JSON.parse(jsonText([{ summary: 'Wirral Cabinet approved "(a)–(e)"', members: ['wirral-council'] }]))).toEqual([
      { summary: 'Wirral Cabinet approved "(a)–(e)"', members: ['wirral-council'] },
    ]);
  });

  it('keeps U+FFFD where a value held U+0000, which PostgreSQL text cannot hold', () => {
    expect(JSON.parse(jsonText([{ reason: 'typed\u0000here' }]))).toEqual([{ reason: 'typed\uFFFDhere' }]);
  });

  it('leaves a backslash followed by "u0000" as the text it is', () => {
    const reason = 'a path C:\\u0000 and a NUL \u0000';
    expect(JSON.parse(jsonText([{ reason }]))).toEqual([{ reason: 'a path C:\\u0000 and a NUL \uFFFD' }]);
  });

  it('inserts by the column list, updating only the columns named on conflict', () => {
    const columns = 'proposal_id text, ratification_id text, rescission text';
    expect(columnNames(columns)).toEqual(['proposal_id', 'ratification_id', 'rescission']);
    const [sql, params] = insertRows('ratifications', columns, [{ proposal_id: 'p', ratification_id: 'r', rescission: null }], {
      key: ['proposal_id', 'ratification_id'],
      update: ['rescission'],
    });
    expect(sql).toBe(
      'INSERT INTO ratifications (proposal_id, ratification_id, rescission) SELECT proposal_id, ratification_id, rescission FROM json_to_recordset($1::json) AS r(proposal_id text, ratification_id text, rescission text) ON CONFLICT (proposal_id, ratification_id) DO UPDATE SET rescission = excluded.rescission',
    );
    expect(params).toEqual(['[{"proposal_id":"p","ratification_id":"r","rescission":null}]']);
  });
});
