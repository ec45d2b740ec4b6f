// The filter of an export (records kept) or an import (records sent): rows of "field operator value",
// all or any of them, saved as the API's expression rules; a preview tells whether a sample record
// passes. Rules the rows cannot show stay editable in the JSON editor and are still previewed.
import { useState } from 'preact/hooks';
import { useId } from '../ui.jsx';

const OPS = [['equals', 'equals'], ['notequals', 'does not equal'], ['greaterthan', 'is greater than'],
  ['greaterthanequals', 'is at least'], ['lessthan', 'is less than'], ['lessthanequals', 'is at most'],
  ['contains', 'contains'], ['doesnotcontain', 'does not contain'], ['startswith', 'starts with'],
  ['endswith', 'ends with'], ['matches', 'matches the pattern'], ['notempty', 'is not empty'], ['empty', 'is empty']];
const UNARY = ['empty', 'notempty', 'isempty', 'isnotempty'];
const NUMERIC = ['greaterthan', 'greaterthanequals', 'lessthan', 'lessthanequals'];

/** One row as a rule: numbers compare as numbers, everything else as text. */
function toRule({ field, op, value }) {
  const subject = ['extract', field];
  if (UNARY.includes(op)) return [op, subject];
  const num = NUMERIC.includes(op) || (op === 'equals' || op === 'notequals') && value.trim() !== '' && !Number.isNaN(Number(value));
  return num ? [op, ['number', subject], Number(value)] : [op, ['string', subject], value];
}

/** Rows from rules, or null when the rules are more than rows can show. */
function toRows(rules) {
  if (!rules) return { join: 'and', rows: [] };
  const list = (rules[0] === 'and' || rules[0] === 'or') ? rules.slice(1) : [rules];
  const join = rules[0] === 'or' ? 'or' : 'and';
  const rows = [];
  for (const r of list) {
    if (!Array.isArray(r) || !OPS.some(([o]) => o === r[0]) && !UNARY.includes(r[0])) return null;
    const s = r[1];
    const ex = Array.isArray(s) && s[0] === 'extract' ? s : Array.isArray(s) && (s[0] === 'number' || s[0] === 'string') && Array.isArray(s[1]) && s[1][0] === 'extract' ? s[1] : null;
    if (!ex || typeof ex[1] !== 'string') return null;
    if (!UNARY.includes(r[0]) && (r.length !== 3 || typeof r[2] === 'object')) return null;
    rows.push({ field: ex[1], op: r[0] === 'isempty' ? 'empty' : r[0] === 'isnotempty' ? 'notempty' : r[0], value: r.length === 3 ? String(r[2]) : '' });
  }
  return { join, rows };
}

const read = (o, path) => path.split('.').reduce((v, k) => (v == null ? undefined : v[k]), o);
const isEmpty = (v) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)
  || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
const text = (v) => (v === undefined || v === null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The rules applied to one record, as the server reads them (its evaluator stays the reference). */
export function evaluate(e, record) {
  if (!Array.isArray(e)) return e;
  const [op, ...args] = e;
  const v = (i) => evaluate(args[i], record);
  switch (op) {
    case 'and': return args.every((a) => evaluate(a, record) === true);
    case 'or': return args.some((a) => evaluate(a, record) === true);
    case 'not': return v(0) !== true;
    case 'extract': return read(record, args[0]);
    case 'settings': return undefined;
    case 'number': { const x = v(0); return x === undefined || x === null || x === '' ? null : Number(x); }
    case 'string': return text(v(0));
    case 'boolean': { const x = v(0); return x === true || x === 'true'; }
    case 'lowercase': return text(v(0))?.toLowerCase() ?? null;
    case 'uppercase': return text(v(0))?.toUpperCase() ?? null;
    case 'floor': return Math.floor(v(0));
    case 'ceiling': return Math.ceil(v(0));
    case 'abs': return Math.abs(v(0));
    case 'equals': return same(v(0), v(1));
    case 'notequals': return !same(v(0), v(1));
    case 'greaterthan': return order(v(0), v(1), (s) => s > 0);
    case 'greaterthanequals': return order(v(0), v(1), (s) => s >= 0);
    case 'lessthan': return order(v(0), v(1), (s) => s < 0);
    case 'lessthanequals': return order(v(0), v(1), (s) => s <= 0);
    case 'contains': return contains(v(0), v(1));
    case 'doesnotcontain': return !contains(v(0), v(1));
    case 'startswith': return any(v(0), (s) => text(v(1)) !== null && s.startsWith(text(v(1))));
    case 'endswith': return any(v(0), (s) => text(v(1)) !== null && s.endsWith(text(v(1))));
    case 'matches': return any(v(0), (s) => new RegExp(text(v(1))).test(s));
    case 'anyof': { const w = v(1); const wanted = Array.isArray(w) ? w : w == null ? [] : [w];
      const have = Array.isArray(v(0)) ? v(0) : [v(0)]; return have.some((h) => wanted.some((x) => same(h, x))); }
    case 'empty': case 'isempty': return isEmpty(v(0));
    case 'notempty': case 'isnotempty': return !isEmpty(v(0));
    default: throw new Error(`unknown operator ${op}`);
  }
}
const same = (a, b) => (a == null && b == null) || (a != null && b != null && (typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) : text(a) === text(b)));
function order(a, b, test) {
  if (a == null || b == null) return false;
  const s = typeof a === 'number' || typeof b === 'number' ? Number(a) - Number(b) : text(a).localeCompare(text(b));
  return !Number.isNaN(s) && test(Math.sign(s));
}
const any = (v, test) => (Array.isArray(v) ? v : [v]).map(text).some((s) => s !== null && test(s));
const contains = (s, needle) => (Array.isArray(s) ? s.some((e) => same(e, needle)) : text(s) !== null && text(needle) !== null && text(s).includes(text(needle)));

export function FilterEditor({ doc, update, what }) {
  const filter = doc.filter;
  const rules = filter?.type === 'expression' || (filter && !filter.type) ? filter?.expression?.rules : undefined;
  const shown = filter?.type === 'script' ? null : toRows(rules);
  const [sample, setSample] = useState('{"id": 1, "name": "Ada", "total": 120}');
  const sampleId = useId('filter-sample');
  // Rows being typed are kept here, so a row with no field yet does not vanish from the form; an edit
  // of the filter elsewhere (the JSON editor) makes the rules the truth again.
  const [draft, setDraft] = useState(null);
  const model = (draft && draft.filter === JSON.stringify(filter) ? draft : null) || shown || { join: 'and', rows: [] };
  const change = (join, rows) => {
    const d = { ...doc };
    const done = rows.filter((r) => r.field.trim());
    if (!done.length) delete d.filter;
    else d.filter = { type: 'expression', expression: { version: '1', rules: done.length === 1 ? toRule(done[0]) : [join, ...done.map(toRule)] } };
    setDraft({ join, rows, filter: JSON.stringify(d.filter) });
    update(d);
  };
  const row = (i, key, value) => change(model.join, model.rows.map((r, n) => (n === i ? { ...r, [key]: value } : r)));

  let result;
  if (!rules) result = 'No filter: every record passes.';
  else {
    try {
      const rec = JSON.parse(sample);
      result = evaluate(rules, rec) === true ? `The sample record passes: it is ${what}.` : 'The sample record is filtered out: it is counted as ignored.';
    } catch (e) { result = `No preview: ${e.message}`; }
  }
  return (
    <fieldset class="card filter">
      <legend>Filter</legend>
      {filter?.type === 'script' ? <p class="muted">A script filter ({filter.script?.function || 'no function'}): edit it in the JSON editor.</p>
        : !shown ? <p class="muted">These rules are more than rows can show: edit them in the JSON editor. The preview still applies them.</p> : <>
          {model.rows.length > 1 ? (
            <div class="field"><label for={`${sampleId}-join`}>Records pass when they match</label>
              <select id={`${sampleId}-join`} value={model.join} onChange={(e) => change(e.currentTarget.value, model.rows)}>
                <option value="and">all of the rules</option><option value="or">any of the rules</option>
              </select></div>) : null}
          {model.rows.map((r, i) => (
            <div class="map-row" key={i} role="group" aria-label={`Filter rule ${i + 1}`}>
              <label>Field <input value={r.field} onInput={(e) => row(i, 'field', e.currentTarget.value)} /></label>
              <label>Operator <select value={r.op} onChange={(e) => row(i, 'op', e.currentTarget.value)}>
                {OPS.map(([o, t]) => <option key={o} value={o}>{t}</option>)}</select></label>
              {UNARY.includes(r.op) ? null : <label>Value <input value={r.value} onInput={(e) => row(i, 'value', e.currentTarget.value)} /></label>}
              <button type="button" class="danger" onClick={() => change(model.join, model.rows.filter((_, n) => n !== i))}>Remove rule</button>
            </div>
          ))}
          <button type="button" onClick={() => change(model.join, [...model.rows, { field: '', op: 'equals', value: '' }])}>Add filter rule</button>
        </>}
      <div class="grid2">
        <div class="field"><label for={sampleId}>Sample record for the filter (JSON)</label>
          <textarea id={sampleId} rows="4" value={sample} onInput={(e) => setSample(e.currentTarget.value)} /></div>
        <div class="field"><span class="label">Filter preview</span><p class="preview" aria-live="polite">{result}</p></div>
      </div>
    </fieldset>
  );
}
