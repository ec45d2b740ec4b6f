// Scripts: list, create, and an editor with JavaScript highlighting; the script's audit trail below.
import { useState } from 'preact/hooks';
import { get, list, post, put } from '../api.js';
import { CodeEditor } from '../CodeEditor.jsx';
import { Link, navigate } from '../router.jsx';
import { Field, Loading, Page, Problem, useAction, useLoad, when } from '../ui.jsx';
import { AuditTable } from './Audit.jsx';

export function Scripts() {
  const data = useLoad(() => list('/v1/scripts'), []);
  const [name, setName] = useState('');
  const act = useAction();
  const create = (e) => {
    e.preventDefault();
    act.run(async () => {
      const s = await post('/v1/scripts', { name, content: 'function preSavePage(options) {\n  return { data: options.data, errors: options.errors };\n}\n' });
      navigate(`/scripts/${s._id}`);
    });
  };
  return (
    <Page title="Scripts">
      <form class="inline-form" onSubmit={create} aria-label="New script">
        <Field label="New script name" name="name" value={name} onInput={setName} error={act.error} required />
        <button type="submit" class="primary" disabled={act.busy}>Create script</button>
      </form>
      <Problem error={act.error || data.error} />
      {data.data === undefined ? <Loading /> : (
        <ul class="plain">{data.data.map((s) => <li key={s._id}><Link href={`/scripts/${s._id}`}>{s.name}</Link> <small class="muted">changed {when(s.lastModified)}</small></li>)}</ul>
      )}
    </Page>
  );
}

export function ScriptEdit({ id }) {
  const data = useLoad(() => get(`/v1/scripts/${id}`), [id]);
  if (!data.data) return <Page title="Script"><Problem error={data.error} /><Loading /></Page>;
  return <ScriptForm initial={data.data} />;
}

function ScriptForm({ initial }) {
  const [doc, setDoc] = useState(initial);
  const [saved, setSaved] = useState(0);
  const act = useAction();
  const save = (e) => {
    e.preventDefault();
    act.run(async () => { setDoc(await put(`/v1/scripts/${doc._id}`, doc)); setSaved((n) => n + 1); });
  };
  return (
    <Page title={`Script: ${initial.name}`} crumbs={<Link href="/scripts">Scripts</Link>}>
      {/* The code editor stays outside the form: see StepEditor. */}
      <form class="editor" onSubmit={save} id="script-form">
        <Field label="Name" name="name" value={doc.name} onInput={(v) => setDoc({ ...doc, name: v })} error={act.error} />
      </form>
      <div class="editor">
        <CodeEditor label="Script (JavaScript)" language="javascript" value={doc.content || ''} minHeight="18rem"
          onChange={(v) => setDoc((d) => ({ ...d, content: v }))} messages={act.error?.errors || []} />
        {saved && !act.error ? <p role="status" class="note">Saved.</p> : null}
        <div class="actions"><button type="submit" form="script-form" class="primary" disabled={act.busy}>Save</button></div>
      </div>
      <h2>Audit log</h2>
      <AuditTable path={`/v1/scripts/${initial._id}/audit`} key={saved} />
      <p class="muted">Script logs are not offered by the API yet.</p>
    </Page>
  );
}
