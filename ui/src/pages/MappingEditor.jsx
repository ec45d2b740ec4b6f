// Mapper 1.0 rows (extract → generate, or a hard-coded value) with a preview of the mapped record on a
// sample record. The preview reads dotted paths only; the server's mapper stays the reference.
import { useState } from 'preact/hooks';

const read = (o, path) => path.split('.').reduce((v, k) => (v == null ? undefined : v[k]), o);
function write(o, path, value) {
  const keys = path.split('.');
  let cur = o;
  keys.slice(0, -1).forEach((k) => { cur[k] = cur[k] && typeof cur[k] === 'object' ? cur[k] : {}; cur = cur[k]; });
  cur[keys.at(-1)] = value;
}

export function preview(fields, sample) {
  const out = {};
  for (const f of fields) {
    if (!f.generate) continue;
    const v = f.hardCodedValue !== undefined ? f.hardCodedValue : f.extract ? read(sample, f.extract) : undefined;
    if (v !== undefined) write(out, f.generate, v);
  }
  return out;
}

export function MappingEditor({ doc, update }) {
  const fields = doc.mapping?.fields || [];
  const [sample, setSample] = useState('{"id": 1, "name": "Ada"}');
  const set = (next) => {
    const mapping = { ...(doc.mapping || {}), fields: next };
    if (!next.length && !(mapping.lists || []).length) { const d = { ...doc }; delete d.mapping; update(d); } else update({ ...doc, mapping });
  };
  const change = (i, key, value) => set(fields.map((f, n) => {
    if (n !== i) return f;
    const g = { ...f };
    if (value === '') delete g[key]; else g[key] = value;
    return g;
  }));
  let result;
  try { result = JSON.stringify(preview(fields, JSON.parse(sample)), null, 2); } catch (e) { result = `Sample is not valid JSON: ${e.message}`; }
  return (
    <fieldset class="card mapping">
      <legend>Mapping</legend>
      {fields.length === 0 ? <p class="muted">No mapping: records are sent as they are.</p> : null}
      {fields.map((f, i) => (
        <div class="map-row" key={i} role="group" aria-label={`Mapping row ${i + 1}`}>
          <label>Extract <input value={f.extract ?? ''} onInput={(e) => change(i, 'extract', e.currentTarget.value)} /></label>
          <label>Hard-coded value <input value={f.hardCodedValue ?? ''} onInput={(e) => change(i, 'hardCodedValue', e.currentTarget.value)} /></label>
          <label>Generate <input value={f.generate ?? ''} onInput={(e) => change(i, 'generate', e.currentTarget.value)} /></label>
          <button type="button" class="danger" onClick={() => set(fields.filter((_, n) => n !== i))}>Remove row</button>
        </div>
      ))}
      <button type="button" onClick={() => set([...fields, { extract: '', generate: '' }])}>Add mapping row</button>
      <div class="grid2">
        <div class="field"><label for="map-sample">Sample record (JSON)</label>
          <textarea id="map-sample" rows="5" value={sample} onInput={(e) => setSample(e.currentTarget.value)} /></div>
        <div class="field"><span class="label">Preview</span><pre class="preview" aria-live="polite">{result}</pre></div>
      </div>
    </fieldset>
  );
}
