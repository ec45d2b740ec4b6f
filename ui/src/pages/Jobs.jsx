// Job history of a flow or an integration (status and date filters) and one job with its children.
import { useState } from 'preact/hooks';
import { get, list, put } from '../api.js';
import { Link } from '../router.jsx';
import { Field, Loading, Page, Problem, Select, Status, duration, useAction, useLoad, when } from '../ui.jsx';

const STATUSES = [['', 'Any status'], ['queued', 'queued'], ['running', 'running'], ['completed', 'completed'],
  ['failed', 'failed'], ['canceled', 'canceled']];

export function JobsPage({ id, integration }) {
  const [status, setStatus] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filter = integration ? `_integrationId=${id}` : `_flowId=${id}`;
  const q = [filter, status && `status=${status}`, from && `createdAt_gte=${new Date(from).toISOString()}`,
    to && `createdAt_lte=${new Date(to).toISOString()}`].filter(Boolean).join('&');
  const jobs = useLoad(() => list(`/v1/jobs?${q}`), [q], 3000);
  const owner = useLoad(() => get(integration ? `/v1/integrations/${id}` : `/v1/flows/${id}`), [id]);
  const back = integration ? `/integrations/${id}` : `/flows/${id}`;
  return (
    <Page title={`Jobs of ${owner.data?.name || (integration ? 'the integration' : 'the flow')}`}
      crumbs={<Link href={back}>{owner.data?.name || 'Back'}</Link>}>
      <form class="inline-form filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <Select label="Status" value={status} onChange={setStatus} options={STATUSES} />
        <Field label="From" type="datetime-local" value={from} onInput={setFrom} />
        <Field label="To" type="datetime-local" value={to} onInput={setTo} />
      </form>
      <Problem error={jobs.error} />
      {jobs.data === undefined ? <Loading /> : jobs.data.length === 0 ? <p class="muted">No jobs match.</p> : (
        <table class="list">
          <thead><tr><th>Started</th><th>Status</th><th>Duration</th><th>success</th><th>errors</th><th>ignored</th><th><span class="sr-only">Detail</span></th></tr></thead>
          <tbody>{jobs.data.map((j) => (
            <tr key={j._id}>
              <td data-label="Started">{when(j.startedAt || j.createdAt)}</td>
              <td data-label="Status"><Status status={j.status} />{j.type !== 'flow' ? <small> ({j.type})</small> : null}</td>
              <td data-label="Duration">{duration(j)}</td>
              <td data-label="success">{j.numSuccess}</td>
              <td data-label="errors">{j.numError}</td>
              <td data-label="ignored">{j.numIgnore}</td>
              <td><Link href={`/jobs/${j._id}`}>Detail</Link></td>
            </tr>))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

export const IntegrationJobs = (props) => <JobsPage {...props} integration />;

async function loadJob(id) {
  const job = await get(`/v1/jobs/${id}`);
  const names = {};
  await Promise.all((job.children || []).map(async (c) => {
    const ref = c._importId ? `/v1/imports/${c._importId}` : c._exportId ? `/v1/exports/${c._exportId}` : null;
    if (ref) names[c._id] = (await get(ref).catch(() => ({}))).name;
  }));
  const flow = job._flowId ? await get(`/v1/flows/${job._flowId}`).catch(() => null) : null;
  return { job, names, flow };
}

export function JobPage({ id }) {
  const data = useLoad(() => loadJob(id), [id], 1500);
  const act = useAction();
  if (!data.data) return <Page title="Job"><Problem error={data.error} /><Loading /></Page>;
  const { job, names, flow } = data.data;
  const running = ['queued', 'running', 'retrying'].includes(job.status);
  const cancel = () => act.run(async () => { await put(`/v1/jobs/${id}/cancel`, {}); data.reload(); });
  return (
    <Page title={`Job: ${job.status}`} crumbs={flow ? <Link href={`/flows/${flow._id}`}>{flow.name}</Link> : null}
      actions={running ? <button type="button" onClick={cancel} disabled={act.busy}>Cancel</button> : null}>
      <Problem error={act.error} />
      <dl class="facts">
        <div><dt>Status</dt><dd><Status status={job.status} /></dd></div>
        <div><dt>Type</dt><dd>{job.type}</dd></div>
        <div><dt>Started</dt><dd>{when(job.startedAt)}</dd></div>
        <div><dt>Ended</dt><dd>{when(job.endedAt)}</dd></div>
        <div><dt>Duration</dt><dd>{duration(job)}</dd></div>
        <div><dt>success</dt><dd>{job.numSuccess}</dd></div>
        <div><dt>errors</dt><dd>{job.numError}</dd></div>
        <div><dt>ignored</dt><dd>{job.numIgnore}</dd></div>
        <div><dt>open errors</dt><dd>{job.numOpenError}</dd></div>
      </dl>
      <h2>Steps</h2>
      <table class="list">
        <thead><tr><th>Step</th><th>Status</th><th>success</th><th>errors</th><th>ignored</th><th>pages</th><th>Duration</th></tr></thead>
        <tbody>{(job.children || []).map((c) => (
          <tr key={c._id}>
            <td data-label="Step">{names[c._id] || c.type}{' '}
              {job._flowId && (c._exportId || c._importId) ? <Link href={`/flows/${job._flowId}/errors/${c._importId || c._exportId}`}>errors</Link> : null}</td>
            <td data-label="Status"><Status status={c.status} /></td>
            <td data-label="success">{c.numSuccess}</td>
            <td data-label="errors">{c.numError}</td>
            <td data-label="ignored">{c.numIgnore}</td>
            <td data-label="pages">{c.type === 'export' && !c._importId ? c.numPagesGenerated : c.numPagesProcessed}</td>
            <td data-label="Duration">{duration(c)}</td>
          </tr>))}
        </tbody>
      </table>
    </Page>
  );
}
