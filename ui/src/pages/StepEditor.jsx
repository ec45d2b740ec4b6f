// A step's editor: a form for the common HTTP/RDBMS export and import fields, plus the whole resource as
// JSON. Both edit one document; the API's validation messages show at their field and under the JSON.
import { useState } from 'preact/hooks';
import { get, list, post, put } from '../api.js';
import { CodeEditor } from '../CodeEditor.jsx';
import { Link, navigate } from '../router.jsx';
import { Field, Loading, Page, Problem, Select, useAction, useLoad } from '../ui.jsx';
import { MappingEditor } from './MappingEditor.jsx';
import { FilterEditor } from './FilterEditor.jsx';

const at = (doc, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), doc);
function setAt(doc, path, value) {
  const out = structuredClone(doc);
  const keys = path.split('.');
  let o = out;
  keys.slice(0, -1).forEach((k) => { o[k] = o[k] && typeof o[k] === 'object' ? o[k] : {}; o = o[k]; });
  if (value === '' || value === undefined) delete o[keys.at(-1)]; else o[keys.at(-1)] = value;
  return out;
}

function fresh(kind, lookup) {
  return kind === 'imports' ? { name: '', http: { method: ['POST'], relativeURI: [''] } }
    : { name: '', ...(lookup ? { isLookup: true } : {}), http: { method: 'GET', relativeURI: '' } };
}

export function StepEditor({ flowId, kind, stepId, query }) {
  const isNew = stepId === 'new';
  const loaded = useLoad(async () => {
    const [connections, scripts, flow, doc] = await Promise.all([list('/v1/connections'), list('/v1/scripts'),
      get(`/v1/flows/${flowId}`), isNew ? fresh(kind, query.get('lookup')) : get(`/v1/${kind}/${stepId}`)]);
    return { connections, scripts, flow, doc };
  }, [flowId, kind, stepId]);
  if (!loaded.data) return <Page title="Step"><Problem error={loaded.error} /><Loading /></Page>;
  return <Editor {...loaded.data} kind={kind} isNew={isNew} role={query.get('role')} />;
}

function Editor({ connections, scripts, flow, doc: initial, kind, isNew, role }) {
  const [doc, setDoc] = useState(initial);
  const [text, setText] = useState(JSON.stringify(initial, null, 2));
  const [parseError, setParseError] = useState(null);
  const [asJson, setAsJson] = useState(false);
  const act = useAction();
  const update = (next) => { setDoc(next); setText(JSON.stringify(next, null, 2)); setParseError(null); };
  const field = (path) => ({ value: at(doc, path) ?? '', onInput: (v) => update(setAt(doc, path, v)), name: path, error: act.error });
  const onJson = (t) => {
    setText(t);
    try { setDoc(JSON.parse(t)); setParseError(null); } catch (e) { setParseError({ message: `Not valid JSON: ${e.message}` }); }
  };
  const connection = connections.find((c) => c._id === doc._connectionId);
  const rdbms = connection?.type === 'rdbms';
  const isImport = kind === 'imports';
  const label = isImport ? 'Import' : doc.isLookup ? 'Lookup' : 'Export';
  const save = (e) => {
    e.preventDefault();
    if (parseError) return;
    act.run(async () => {
      if (!isNew) { update(await put(`/v1/${kind}/${doc._id}`, doc)); return; }
      const created = await post(`/v1/${kind}`, doc);
      const next = { ...flow };
      if (role === 'source') next.pageGenerators = [...(flow.pageGenerators || []), { _exportId: created._id }];
      else next.pageProcessors = [...(flow.pageProcessors || []), isImport ? { type: 'import', _importId: created._id } : { type: 'export', _exportId: created._id }];
      await put(`/v1/flows/${flow._id}`, next);
      navigate(`/flows/${flow._id}`);
    });
  };
  const arr = (path) => ({ value: (at(doc, path) || [])[0] ?? '', name: path, error: act.error,
    onInput: (v) => update(setAt(doc, path, v === '' ? undefined : [v])) });
  const crumbs = <><Link href={`/flows/${flow._id}`}>{flow.name}</Link></>;
  return (
    // The title follows the saved name, not each keystroke (Chromium stalls when the title changes while typing).
    <Page title={`${isNew ? 'New ' : ''}${label}${initial.name ? `: ${initial.name}` : ''}`} crumbs={crumbs}>
      {/* Form and JSON are two views of one document, never on screen together: with the JSON editor
          (CodeMirror) mounted, key presses in other fields hung Chromium's renderer now and then. */}
      <div class="tabs" role="group" aria-label="Edit the step as">
        <button type="button" aria-pressed={!asJson} onClick={() => !parseError && setAsJson(false)} disabled={!!parseError}>Edit as form</button>
        <button type="button" aria-pressed={asJson} onClick={() => setAsJson(true)}>Edit as JSON</button>
      </div>
      <form onSubmit={save} class="editor" id="step-form">
        {asJson ? null : <>
        <div class="card">
          <Field label="Name" {...field('name')} required />
          <Select label="Connection" value={doc._connectionId || ''} name="_connectionId"
            onChange={(v) => update(setAt(doc, '_connectionId', v))}
            options={[['', 'Choose a connection…'], ...connections.map((c) => [c._id, `${c.name} (${c.type})`])]} />
          {rdbms ? (isImport ? <>
            <Select label="Query type" value={(doc.rdbms?.queryType || [])[0] || ''} onChange={(v) => update(setAt(doc, 'rdbms.queryType', v ? [v] : undefined))}
              options={[['', 'Choose…'], ['per_record', 'per_record'], ['per_page', 'per_page'], ['first_page', 'first_page'], ['bulk_insert', 'bulk_insert'], ['bulk_load', 'bulk_load']]} />
            <Field label="SQL" {...arr('rdbms.query')} />
          </> : <Field label="SQL query" {...field('rdbms.query')} />) : isImport ? <>
            <Select label="HTTP method" value={(doc.http?.method || [])[0] || 'POST'} onChange={(v) => update(setAt(doc, 'http.method', [v]))}
              options={['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => [m, m])} />
            <Field label="Relative URI" {...arr('http.relativeURI')} />
            <Field label="Batch size" type="number" value={doc.http?.batchSize ?? ''} name="http.batchSize"
              onInput={(v) => update(setAt(doc, 'http.batchSize', v === '' ? undefined : Number(v)))} />
          </> : <>
            <Select label="HTTP method" value={doc.http?.method || 'GET'} onChange={(v) => update(setAt(doc, 'http.method', v))}
              options={['GET', 'POST', 'PUT'].map((m) => [m, m])} />
            <Field label="Relative URI" {...field('http.relativeURI')} />
            <Field label="Path to records (resourcePath)" {...field('http.response.resourcePath')} />
            <Field label="Page size" type="number" min="1" value={doc.pageSize ?? ''} name="pageSize" error={act.error}
              onInput={(v) => update(setAt(doc, 'pageSize', v === '' ? undefined : Number(v)))} />
            <Select label="Export type" value={doc.type || ''} onChange={(v) => update(setAt(doc, 'type', v))}
              options={[['', 'All records'], ['delta', 'Delta'], ['once', 'Once'], ['test', 'Test']]} />
          </>}
        </div>
        {isImport ? <MappingEditor doc={doc} update={update} /> : null}
        <FilterEditor doc={doc} update={update} what={isImport ? 'sent by this import' : 'kept by this export'} />
        <Hooks doc={doc} update={update} scripts={scripts} error={act.error}
          names={isImport ? ['preMap', 'postMap', 'postSubmit'] : ['preSavePage']} />
        <Problem error={act.error} />
        </>}
      </form>
      <div class="editor">
        {asJson ? <CodeEditor label="JSON" value={text} onChange={onJson} minHeight="14rem"
          messages={[...(parseError ? [parseError] : []), ...(act.error?.errors || [])]} /> : null}
        <div class="actions"><button type="submit" form="step-form" class="primary" disabled={act.busy || !!parseError}>Save</button>
          <Link class="button" href={`/flows/${flow._id}`}>Back to the flow</Link></div>
      </div>
    </Page>
  );
}

/** Hook pickers: a script and the name of its function, per hook the step runs. */
function Hooks({ doc, update, scripts, names, error }) {
  const set = (hook, key, value) => {
    const hooks = { ...(doc.hooks || {}) };
    const h = { ...(hooks[hook] || {}) };
    if (value) h[key] = value; else delete h[key];
    // Choosing a script proposes the function named after the hook, as the script template has it.
    if (key === '_scriptId' && value && !h.function) h.function = hook;
    if (!h._scriptId && !h.function) delete hooks[hook]; else hooks[hook] = h;
    const d = { ...doc, hooks };
    if (!Object.keys(hooks).length) delete d.hooks;
    update(d);
  };
  return (
    <fieldset class="card hooks">
      <legend>Hooks</legend>
      {names.map((hook) => (
        <div class="grid2" key={hook}>
          <Select label={`${hook} script`} value={doc.hooks?.[hook]?._scriptId || ''} name={`hooks.${hook}._scriptId`}
            onChange={(v) => set(hook, '_scriptId', v)} options={[['', 'None'], ...scripts.map((s) => [s._id, s.name])]} />
          <Field label={`${hook} function`} value={doc.hooks?.[hook]?.function || ''} name={`hooks.${hook}.function`} error={error}
            onInput={(v) => set(hook, 'function', v)} placeholder={hook} />
        </div>
      ))}
      {scripts.length ? null : <p class="muted">No scripts yet: create one under <Link href="/scripts">Scripts</Link>.</p>}
    </fieldset>
  );
}
