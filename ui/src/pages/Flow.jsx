// A flow: its diagram (sources → steps) with each step's counts from the latest job, add/remove/reorder,
// Run (optional params) and Cancel. Counts refresh every 1.5 s.
import { useState } from 'preact/hooks';
import { get, list, post, put } from '../api.js';
import { Link, navigate } from '../router.jsx';
import { Loading, Page, Problem, Select, Status, duration, useAction, useLoad, when } from '../ui.jsx';
import { FlowSettings } from './FlowSettings.jsx';

const RUNNING = ['queued', 'running', 'retrying'];

async function load(id) {
  const flow = await get(`/v1/flows/${id}`);
  const ids = [...(flow.pageGenerators || []).map((p) => ['exports', p._exportId]),
    ...[...(flow.pageProcessors || []), ...routedSteps(flow)].map((p) => (p.type === 'import' ? ['imports', p._importId] : ['exports', p._exportId]))];
  const [docs, latest, errors] = await Promise.all([
    Promise.all(ids.map(([k, i]) => get(`/v1/${k}/${i}`).catch(() => ({ _id: i, name: '(missing)' })))),
    get(`/v1/flows/${id}/jobs/latest`).catch(() => []),
    get(`/v1/flows/${id}/errors`).catch(() => ({ flowErrors: [] })),
  ]);
  const names = Object.fromEntries(docs.map((d) => [d._id, d]));
  const open = Object.fromEntries((errors.flowErrors || []).map((e) => [e._expOrImpId, e.numError]));
  return { flow, names, job: (latest || [])[0], open };
}

export function FlowPage({ id }) {
  const data = useLoad(() => load(id), [id], 1500);
  const act = useAction();
  const [params, setParams] = useState('');
  if (data.data === undefined) return <Page title="Flow"><Problem error={data.error} /><Loading /></Page>;
  const { flow, names, job, open } = data.data;
  const save = (next) => act.run(async () => { await put(`/v1/flows/${id}`, next); await data.reload(); });
  const run = () => act.run(async () => {
    let body = {};
    if (params.trim()) {
      try { body = { params: JSON.parse(params) }; } catch (e) { throw { errors: [{ field: 'params', message: `Run parameters are not valid JSON: ${e.message}` }] }; }
    }
    await post(`/v1/flows/${id}/run`, body);
    await data.reload();
  });
  const cancel = () => act.run(async () => { await put(`/v1/jobs/${job._id}/cancel`, {}); await data.reload(); });
  const running = job && RUNNING.includes(job.status);
  const crumbs = <><Link href="/integrations">Integrations</Link> › <Link href={`/integrations/${flow._integrationId || 'standalone'}`}>Flows</Link></>;
  return (
    <Page title={flow.name} crumbs={crumbs} actions={<>
      {flow.disabled ? <button type="button" onClick={() => save({ ...flow, disabled: false })} disabled={act.busy}>Enable</button> : null}
      <button type="button" class="primary" onClick={run} disabled={act.busy || running || flow.disabled}
        title={flow.disabled ? 'Enable the flow to run it' : undefined}>Run</button>
      <button type="button" onClick={cancel} disabled={!running || act.busy}>Cancel</button>
      <Link href={`/flows/${id}/jobs`} class="button">Jobs</Link>
    </>}>
      <div class="field">
        <label for="run-params">Run parameters (JSON, optional)</label>
        <textarea id="run-params" rows="2" value={params} onInput={(e) => setParams(e.currentTarget.value)} placeholder='{"sku": "A-1"}' />
      </div>
      <Problem error={act.error} />
      <Problem error={data.error} />
      {flow.disabled ? <p class="note">This flow is disabled: it runs neither on its schedule nor with Run until it is enabled.</p> : null}
      <section aria-label="Latest job" class="job-line">
        {job ? <>Latest job: <Status status={job.status} /> started {when(job.startedAt || job.createdAt)} · {duration(job)} ·{' '}
          <Link href={`/jobs/${job._id}`}>job detail</Link></> : <>Not run yet.</>}
      </section>
      <Diagram flow={flow} names={names} job={job} open={open} save={save} busy={act.busy} />
      <FlowSettings flow={flow} save={save} busy={act.busy} />
    </Page>
  );
}

function counts(job, stepId) {
  const child = (job?.children || []).find((c) => c._exportId === stepId || c._importId === stepId);
  return child || null;
}

/** The page processors of every branch of every router (D23). */
function routedSteps(flow) {
  return (flow.routers || []).flatMap((r) => (r.branches || []).flatMap((b) => b.pageProcessors || []));
}

/** A flow's routers, their branches and the steps in each: shown with counts, edited through the API. */
function Routers({ flow, names, job, open, busy }) {
  return (
    <section aria-labelledby="routers-h" class="lane">
      <h2 id="routers-h">Routers</h2>
      <p class="hint">Records enter the first router. Routers are edited through the API (PUT or PATCH /v1/flows/{flow._id}).</p>
      {flow.routers.map((r) => (
        <div class="router card" key={r.id} aria-label={`Router ${r.name || r.id}`}>
          <h3>{r.name || r.id}</h3>
          <p>{r.routeRecordsTo === 'all_matching_branches' ? 'All matching branches' : 'First matching branch'}
            {r.routeRecordsUsing === 'script' ? ', chosen by a script' : ', by input filters'}
            {r.nextRouterId ? `; then router ${r.nextRouterId}` : ''}</p>
          <Link class="button" href={`/flows/${flow._id}/errors/${r.id}`}>{`${open[r.id] || 0} open errors`}</Link>
          {(r.branches || []).map((b, j) => (
            <div class="branch" key={j}>
              <h4>{b.name || `Branch ${j + 1}`}{b.inputFilter ? '' : ' (every record)'}{b.nextRouterId ? ` → ${b.nextRouterId}` : ''}</h4>
              {(b.pageProcessors || []).length === 0 ? <p>Discards its records.</p> : null}
              <ol>{(b.pageProcessors || []).map((p, i) => {
                const stepId = p.type === 'import' ? p._importId : p._exportId;
                return (
                  <Step key={stepId + i} flow={flow} kind={p.type === 'import' ? 'imports' : 'exports'} stepId={stepId}
                    label={p.type === 'import' ? 'Import' : 'Lookup'} doc={names[stepId]} counts={counts(job, stepId)} open={open[stepId]} busy={busy} />);
              })}
              </ol>
            </div>))}
        </div>))}
    </section>
  );
}

function Diagram({ flow, names, job, open, save, busy }) {
  const pgs = flow.pageGenerators || [];
  const pps = flow.pageProcessors || [];
  const update = (field, items) => save({ ...flow, [field]: items });
  const move = (field, items, i, by) => {
    const next = [...items];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    update(field, next);
  };
  const remove = (field, items, i) => update(field, items.filter((_, n) => n !== i));
  return (
    <div class="diagram">
      <section aria-labelledby="sources-h" class="lane">
        <h2 id="sources-h">Sources</h2>
        <ol>{pgs.map((p, i) => (
          <Step key={p._exportId + i} flow={flow} kind="exports" stepId={p._exportId} label="Export" doc={names[p._exportId]}
            counts={counts(job, p._exportId)} open={open[p._exportId]} busy={busy}
            up={i > 0 && (() => move('pageGenerators', pgs, i, -1))} down={i < pgs.length - 1 && (() => move('pageGenerators', pgs, i, 1))}
            remove={() => remove('pageGenerators', pgs, i)} />))}
        </ol>
        <AddStep flow={flow} role="source" save={save} />
      </section>
      <div class="arrow" aria-hidden="true">→</div>
      {flow.routers?.length ? <Routers flow={flow} names={names} job={job} open={open} busy={busy} /> : (
      <section aria-labelledby="steps-h" class="lane">
        <h2 id="steps-h">Steps</h2>
        <ol>{pps.map((p, i) => {
          const stepId = p.type === 'import' ? p._importId : p._exportId;
          return (
            <Step key={stepId + i} flow={flow} kind={p.type === 'import' ? 'imports' : 'exports'} stepId={stepId}
              label={p.type === 'import' ? 'Import' : 'Lookup'} doc={names[stepId]} counts={counts(job, stepId)} open={open[stepId]} busy={busy}
              up={i > 0 && (() => move('pageProcessors', pps, i, -1))} down={i < pps.length - 1 && (() => move('pageProcessors', pps, i, 1))}
              remove={() => remove('pageProcessors', pps, i)} />);
        })}
        </ol>
        <AddStep flow={flow} role="step" save={save} />
      </section>)}
    </div>
  );
}

function Step({ flow, kind, stepId, label, doc, counts: c, open, up, down, remove, busy }) {
  const name = doc?.name || stepId;
  return (
    <li class="step card">
      <div class="step-head"><span class="kind">{label}</span> <Link href={`/flows/${flow._id}/steps/${kind}/${stepId}`}>{name}</Link></div>
      <dl class="counts" aria-label={`Counts of ${name}`}>
        <div><dt>success</dt><dd data-count="success">{c ? c.numSuccess : 0}</dd></div>
        <div><dt>errors</dt><dd data-count="errors">{c ? c.numError : 0}</dd></div>
        <div><dt>ignored</dt><dd data-count="ignored">{c ? c.numIgnore : 0}</dd></div>
        <div><dt>pages</dt><dd data-count="pages">{c ? (kind === 'exports' && !c._flowJobId ? c.numPagesGenerated : c.numPagesProcessed || c.numPagesGenerated) : 0}</dd></div>
      </dl>
      <div class="row-actions">
        <Link class="button" href={`/flows/${flow._id}/errors/${stepId}`}>{`${open || 0} open errors`}</Link>
        <Link class="button" href={`/flows/${flow._id}/steps/${kind}/${stepId}`} aria-label={`Edit ${name}`}>Edit</Link>
        {up ? <button type="button" onClick={up} disabled={busy} aria-label={`Move ${name} up`}>Up</button> : null}
        {down ? <button type="button" onClick={down} disabled={busy} aria-label={`Move ${name} down`}>Down</button> : null}
        {remove ? <button type="button" class="danger" onClick={remove} disabled={busy} aria-label={`Remove ${name}`}>Remove</button> : null}
      </div>
    </li>
  );
}

/** Adds an existing export/import, or opens the editor for a new one. */
function AddStep({ flow, role, save }) {
  const options = useLoad(async () => {
    const [exports, imports] = await Promise.all([list('/v1/exports'), list('/v1/imports')]);
    return { exports, imports };
  }, []);
  const [choice, setChoice] = useState('');
  const o = options.data || { exports: [], imports: [] };
  const opts = role === 'source'
    ? [['', 'Choose…'], ['new:exports', 'New export…'], ...o.exports.filter((e) => !e.isLookup).map((e) => [`exports:${e._id}`, `Export: ${e.name}`])]
    : [['', 'Choose…'], ['new:imports', 'New import…'], ['new:lookup', 'New lookup…'],
      ...o.imports.map((e) => [`imports:${e._id}`, `Import: ${e.name}`]),
      ...o.exports.filter((e) => e.isLookup).map((e) => [`exports:${e._id}`, `Lookup: ${e.name}`])];
  const add = (e) => {
    e.preventDefault();
    if (!choice) return;
    const [kind, ref] = choice.split(':');
    if (kind === 'new') {
      const k = ref === 'imports' ? 'imports' : 'exports';
      navigate(`/flows/${flow._id}/steps/${k}/new?role=${role}${ref === 'lookup' ? '&lookup=1' : ''}`);
      return;
    }
    const next = { ...flow };
    if (role === 'source') next.pageGenerators = [...(flow.pageGenerators || []), { _exportId: ref }];
    else next.pageProcessors = [...(flow.pageProcessors || []), kind === 'imports' ? { type: 'import', _importId: ref } : { type: 'export', _exportId: ref }];
    save(next).then(() => setChoice(''));
  };
  return (
    <form class="inline-form add-step" onSubmit={add}>
      <Select label={role === 'source' ? 'Add a source' : 'Add a step'} value={choice} onChange={setChoice} options={opts} />
      <button type="submit" disabled={!choice}>{role === 'source' ? 'Add source' : 'Add step'}</button>
    </form>
  );
}
