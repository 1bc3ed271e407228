import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZPostcode } from '../../../shared/intake.js';
import { addRow, flatSchema, int, key, removeRow, rowsOf, text, type Flat } from './nested.js';

const ZBody = z.strictObject({ children: z.array(z.strictObject({ firstName: z.string().trim().min(1), birthYear: z.number().int() })).min(1), postcode: ZPostcode.optional() });
const toBody = (v: Flat) => ({
  children: Array.from({ length: rowsOf(v, 'children') }, (_, i) => ({ firstName: text(v[key('children', i, 'firstName')]) ?? '', birthYear: int(v[key('children', i, 'birthYear')]) })),
  postcode: text(v.postcode),
});

describe('flat form values for nested request bodies', () => {
  it('adds and removes rows; later rows move up', () => {
    let v: Flat = { postcode: '' };
    v = addRow(v, 'children', { firstName: 'A', birthYear: '2015' });
    v = addRow(v, 'children', { firstName: 'B', birthYear: '2016' });
    v = addRow(v, 'children', { firstName: 'C', birthYear: '2017' });
    v = removeRow(v, 'children', 1);
    expect(rowsOf(v, 'children')).toBe(2);
    expect([v['children-0-firstName'], v['children-1-firstName'], v['children-2-firstName']]).toEqual(['A', 'C', undefined]);
  });

  it('reports a nested issue under the flat key of its field, with the module text for a bad postcode', () => {
    let v: Flat = { postcode: '12 AB' };
    v = addRow(v, 'children', { firstName: '', birthYear: 'abc' });
    const r = flatSchema(ZBody, toBody).safeParse(v);
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => ({ path: i.path.join('.'), code: i.code, key: (i as { params?: { messageKey?: string } }).params?.messageKey }));
    expect(issues).toEqual([
      { path: 'children-0-firstName', code: 'too_small', key: undefined },
      { path: 'children-0-birthYear', code: 'invalid_type', key: undefined },
      { path: 'postcode', code: 'custom', key: 'applicationForm.errors.postcode' },
    ]);
  });

  it('parses valid flat values into the nested body', () => {
    const v = addRow({ postcode: '5701 ab' }, 'children', { firstName: ' Sam ', birthYear: '2015' });
    expect(flatSchema(ZBody, toBody).parse(v)).toEqual({ children: [{ firstName: 'Sam', birthYear: 2015 }], postcode: '5701 ab' });
  });
});
