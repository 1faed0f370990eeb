import * as assert from 'node:assert/strict';
import { readCsv, readDate, readNumber } from '../../../src/core/model/csv';

/** The rows as [line, cells] pairs. */
function lines(text: string) {
  return readCsv(text).rows.map((r) => [r.line, r.cells]);
}

describe('CSV data files', () => {
  describe('readCsv', () => {
    it('reads the header (trimmed) and each row with its 1-based line', () => {
      const t = readCsv(' date , minutes \n2026-01-05,12\n2026-01-12,14\n');
      assert.deepEqual(t.header, ['date', 'minutes']);
      assert.deepEqual(
        t.rows.map((r) => [r.line, r.cells]),
        [
          [2, { date: '2026-01-05', minutes: '12' }],
          [3, { date: '2026-01-12', minutes: '14' }],
        ],
      );
      assert.deepEqual(t.problems, []);
    });

    it('gives each row its character span, without the line break', () => {
      const text = 'date,value\n2026-01-05,12\n2026-01-12,14';
      const t = readCsv(text);
      assert.deepEqual(
        t.rows.map((r) => [r.start, r.end, text.slice(r.start, r.end)]),
        [
          [11, 24, '2026-01-05,12'],
          [25, 38, '2026-01-12,14'],
        ],
      );
    });

    it('reads a quoted comma and a quoted line break; later rows keep their lines', () => {
      const text = 'date,value,note\n2026-01-05,12,"late, short"\n2026-01-12,14,"two\nlines"\n2026-01-19,15,"say ""hi"""\n';
      const t = readCsv(text);
      assert.deepEqual(
        t.rows.map((r) => [r.line, r.cells.note]),
        [
          [2, 'late, short'],
          [3, 'two\nlines'],
          [5, 'say "hi"'],
        ],
      );
      assert.equal(text.slice(t.rows[1].start, t.rows[1].end), '2026-01-12,14,"two\nlines"');
      assert.deepEqual(t.problems, []);
    });

    it('reads CRLF line breaks, inside quotes too', () => {
      const text = 'date,value\r\n2026-01-05,12\r\n2026-01-12,"1\r\n4"\r\n2026-01-19,15\r\n';
      const t = readCsv(text);
      assert.deepEqual(
        t.rows.map((r) => [r.line, r.cells.value]),
        [
          [2, '12'],
          [3, '1\r\n4'],
          [5, '15'],
        ],
      );
      assert.equal(text.slice(t.rows[0].start, t.rows[0].end), '2026-01-05,12');
      assert.equal(text.slice(t.rows[2].start, t.rows[2].end), '2026-01-19,15');
    });

    it('reads old Mac line breaks (a lone CR)', () => {
      assert.deepEqual(lines('date,value\r2026-01-05,12\r2026-01-12,14\r'), [
        [2, { date: '2026-01-05', value: '12' }],
        [3, { date: '2026-01-12', value: '14' }],
      ]);
    });

    it('drops a byte order mark; offsets still count it', () => {
      const text = '\ufeffdate,value\n2026-01-05,12\n';
      const t = readCsv(text);
      assert.deepEqual(t.header, ['date', 'value']);
      assert.equal(t.rows[0].line, 2);
      assert.equal(text.slice(t.rows[0].start, t.rows[0].end), '2026-01-05,12');
    });

    it('skips empty lines, trailing ones included, without a problem', () => {
      const text = 'date,value\n\n2026-01-05,12\n  \n\n2026-01-12,3\n\n';
      const t = readCsv(text);
      assert.deepEqual(
        t.rows.map((r) => r.line),
        [3, 6],
      );
      assert.deepEqual(t.problems, []);
    });

    it('reports a row with too few or too many fields on its line, and leaves it out', () => {
      const text = 'date,value\n2026-01-05\n2026-01-12,14\n2026-01-19,1,5\n';
      const t = readCsv(text);
      assert.deepEqual(
        t.rows.map((r) => r.line),
        [3],
      );
      assert.deepEqual(
        t.problems.map((p) => [p.line, text.slice(p.start, p.end)]),
        [
          [2, '2026-01-05'],
          [4, '2026-01-19,1,5'],
        ],
      );
      assert.match(t.problems[0].message, /^Row has 1 field, the header has 2/);
      assert.match(t.problems[1].message, /^Row has 3 fields, the header has 2/);
      for (const p of t.problems) assert.ok(p.message.length <= 120, p.message);
    });

    it('reports a quote left open on the line it starts', () => {
      const t = readCsv('date,value\n2026-01-05,12\n2026-01-12,"14\n2026-01-19,15\n');
      assert.deepEqual(
        t.rows.map((r) => r.line),
        [2],
      );
      assert.equal(t.problems.length, 1);
      assert.equal(t.problems[0].line, 3);
      assert.match(t.problems[0].message, /^Unterminated quote/);
      assert.ok(t.problems[0].message.length <= 120);
    });

    it('reports a quote closed in the middle of a field', () => {
      const t = readCsv('date,value\n2026-01-05,12\n2026-01-12,"14"x\n');
      assert.deepEqual(
        t.problems.map((p) => [p.line, p.message.slice(0, 11)]),
        [[3, 'Stray quote']],
      );
      assert.ok(t.problems[0].message.length <= 120);
      assert.deepEqual(
        t.rows.map((r) => r.line),
        [2],
      );
    });

    it('requires a header row', () => {
      for (const text of ['', '\n\n']) {
        const t = readCsv(text);
        assert.deepEqual(t.header, []);
        assert.deepEqual(t.rows, []);
        assert.equal(t.problems.length, 1);
        assert.match(t.problems[0].message, /^No header row/);
      }
      // a header alone is a table without rows, not a problem
      assert.deepEqual(readCsv('date,value\n'), { header: ['date', 'value'], rows: [], problems: [] });
    });

    it('keeps the first of two columns with the same name', () => {
      const t = readCsv('date,value,value\n2026-01-05,1,2\n');
      assert.deepEqual(t.header, ['date', 'value', 'value']);
      assert.deepEqual(Object.entries(t.rows[0].cells), [
        ['date', '2026-01-05'],
        ['value', '1'],
      ]);
    });

    it('reads semicolon- or tab-separated files when the header has no comma', () => {
      assert.deepEqual(lines('date;value\n2026-01-05;12,5\n'), [[2, { date: '2026-01-05', value: '12,5' }]]);
      assert.deepEqual(lines('date\tvalue\n2026-01-05\t12\n'), [[2, { date: '2026-01-05', value: '12' }]]);
    });

    it('reads 26,000 rows in linear time', () => {
      const rows = ['school,week,minutes,huddles'];
      for (let i = 0; i < 26000; i++) rows.push(`"School ${i % 100}",2026-01-05,${i % 40},${1 + (i % 5)}`);
      const t0 = performance.now();
      const t = readCsv(rows.join('\r\n'));
      assert.equal(t.rows.length, 26000);
      assert.equal(t.rows[25999].line, 26001);
      assert.ok(performance.now() - t0 < 2000);
    });
  });

  describe('cell readers', () => {
    it('reads numbers strictly', () => {
      assert.equal(readNumber('12'), 12);
      assert.equal(readNumber('12.5'), 12.5);
      assert.equal(readNumber('-3'), -3);
      assert.equal(readNumber(' 12 '), 12);
      assert.equal(readNumber('0.25'), 0.25);
      assert.equal(readNumber('.5'), 0.5);
      assert.equal(readNumber('1e3'), 1000);
      for (const bad of ['', '  ', '12abc', 'abc', '12%', '1,000', '12,5', 'NaN', 'Infinity', '--3', '1.2.3', '0x10', undefined]) {
        assert.equal(readNumber(bad), undefined, String(bad));
      }
    });

    it('reads dates of real calendar days as YYYY-MM-DD', () => {
      assert.equal(readDate('2026-01-05'), '2026-01-05');
      assert.equal(readDate(' 2026-01-05 '), '2026-01-05');
      assert.equal(readDate('2024-02-29'), '2024-02-29'); // leap year
      assert.equal(readDate('2000-02-29'), '2000-02-29'); // divisible by 400
      assert.equal(readDate('2026-12-31'), '2026-12-31');
      for (const bad of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-5', '05/01/2026', '2026-01-05T00:00', '', undefined]) {
        assert.equal(readDate(bad), undefined, String(bad));
      }
    });
  });
});
