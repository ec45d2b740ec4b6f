// The audit log: overall (filtered by resource type) and per resource.
import { useState } from 'preact/hooks';
import { list } from '../api.js';
import { Loading, Page, Problem, Select, useLoad, when } from '../ui.jsx';

const TYPES = [['', 'All resources'], ['flow', 'Flows'], ['export', 'Exports'], ['import', 'Imports'], ['connection', 'Connections'],
  ['integration', 'Integrations'], ['script', 'Scripts'], ['accesstoken', 'API tokens']];

export function AuditPage() {
  const [type, setType] = useState('');
  return (
    <Page title="Audit">
      <Select label="Resource type" value={type} onChange={setType} options={TYPES} />
      <AuditTable path={`/v1/audit?limit=200${type ? `&resourceType=${type}` : ''}`} key={type} />
    </Page>
  );
}

const show = (v) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

export function AuditTable({ path }) {
  const data = useLoad(() => list(path), [path]);
  if (data.error) return <Problem error={data.error} />;
  if (data.data === undefined) return <Loading />;
  if (!data.data.length) return <p class="muted">No audit entries.</p>;
  return (
    <table class="list audit">
      <thead><tr><th>Time</th><th>Who</th><th>Event</th><th>Resource</th><th>Changes</th></tr></thead>
      <tbody>{data.data.map((e) => (
        <tr key={e._id}>
          <td data-label="Time">{when(e.time)}</td>
          <td data-label="Who">{e.byUser?.name} <small class="muted">({e.source})</small></td>
          <td data-label="Event">{e.event}</td>
          <td data-label="Resource">{e.resourceType} <code>{e._resourceId}</code></td>
          <td data-label="Changes"><ul class="plain">{(e.fieldChanges || []).slice(0, 8).map((c, i) => (
            <li key={i}><code>{c.fieldPath}</code>: <del>{show(c.oldValue)}</del> → <ins>{show(c.newValue)}</ins></li>))}
            {(e.fieldChanges || []).length > 8 ? <li>…</li> : null}</ul></td>
        </tr>))}
      </tbody>
    </table>
  );
}
