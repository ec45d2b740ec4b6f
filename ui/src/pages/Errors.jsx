// The errors of one flow step: open or resolved, 50 to a screen (the API pages by 1000), searchable by
// message or trace key; the record's retry data editable; Retry and Resolve for one, a selection or all.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { get, post, put } from '../api.js';
import { Link } from '../router.jsx';
import { Field, Loading, Page, Problem, useAction, when } from '../ui.jsx';

const SCREEN = 50;
const ENDED = ['completed', 'failed', 'canceled'];

export function ErrorsPage({ flowId, stepId, query }) {
  const resolved = query.get('view') === 'resolved';
  const base = `/v1/flows/${flowId}/${stepId}`;
  const [state, setState] = useState({ items: null, next: null, error: null });
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState(new Set());
  const [open, setOpen] = useState(null);
  const [note, setNote] = useState(null);
  const act = useAction();
  const [names, setNames] = useState({});
  const alive = useRef(true);
  useEffect(() => () => { alive.current = false; }, []);

  const loadFirst = async () => {
    try {
      const r = await get(`${base}/${resolved ? 'resolved' : 'errors'}`);
      setState({ items: r.errors, next: r.nextPageURL || null, error: null });
    } catch (error) { setState((s) => ({ ...s, items: s.items || [], error })); }
  };
  const loadMore = async () => {
    if (!state.next) return;
    const u = new URL(state.next, location.origin);
    const r = await get(u.pathname + u.search);
    setState((s) => ({ items: [...s.items, ...r.errors], next: r.nextPageURL || null, error: null }));
  };
  useEffect(() => { loadFirst(); setSelected(new Set()); setOpen(null); setPage(0); setNote(null); }, [flowId, stepId, resolved]);
  useEffect(() => {
    // The flow says whether the step is an import, so no request is made that must 404.
    get(`/v1/flows/${flowId}`).then(async (f) => {
      const isImport = (f.pageProcessors || []).some((p) => p._importId === stepId);
      const step = await get(`/v1/${isImport ? 'imports' : 'exports'}/${stepId}`);
      setNames({ flow: f.name, step: step.name });
    }).catch(() => {});
  }, [flowId, stepId]);
  // A search covers every error, so the remaining pages are fetched while one is typed.
  useEffect(() => { if (search && state.next) loadMore(); }, [search, state.next]);

  const items = state.items || [];
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return q ? items.filter((e) => (e.message || '').toLowerCase().includes(q) || (e.traceKey || '').toLowerCase().includes(q)) : items;
  }, [items, search]);
  const pages = Math.max(1, Math.ceil(shown.length / SCREEN));
  const screen = shown.slice(page * SCREEN, page * SCREEN + SCREEN);
  useEffect(() => { if (page >= pages) setPage(pages - 1); }, [pages]);
  useEffect(() => { if (!search && (page + 1) * SCREEN >= items.length && state.next) loadMore(); }, [page, items.length]);

  const toggle = (id) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const done = async (text) => { setNote(text); setSelected(new Set()); setOpen(null); await loadFirst(); };
  // "All" names every open error (the API resolves and retries only what is named), 1000 to a request.
  const everyId = async () => {
    let all = items;
    let next = state.next;
    while (next) {
      const u = new URL(next, location.origin);
      const r = await get(u.pathname + u.search);
      all = [...all, ...r.errors];
      next = r.nextPageURL || null;
    }
    return all.map((e) => e.errorId);
  };
  const chunks = (ids) => Array.from({ length: Math.ceil(ids.length / 1000) }, (_, i) => ids.slice(i * 1000, i * 1000 + 1000));
  // Each retry job is followed to its end, so the lists show what it changed.
  const retry = (named) => act.run(async () => {
    const ids = named || (await everyId());
    let success = 0;
    let failed = 0;
    for (const part of chunks(ids)) {
      const r = await post(`${base}/retry`, { errorIds: part });
      await done('Retry running…');
      let job = await get(`/v1/jobs/${r._jobId}`);
      while (!ENDED.includes(job.status)) {
        await new Promise((ok) => setTimeout(ok, 1000));
        if (!alive.current) return;
        job = await get(`/v1/jobs/${r._jobId}`);
      }
      success += job.numSuccess || 0;
      failed += job.numError || 0;
    }
    await done(`Retry finished: ${success} succeeded, ${failed} failed.`);
  });
  const resolve = (named) => act.run(async () => {
    const ids = named || (await everyId());
    for (const part of chunks(ids)) await put(`${base}/resolved`, { errors: part });
    await done(`Resolved ${ids.length === 1 ? 'the error' : `${ids.length} errors`}.`);
  });
  const crumbs = <><Link href={`/flows/${flowId}`}>{names.flow || 'Flow'}</Link></>;
  const ids = [...selected];
  return (
    <Page title={`${resolved ? 'Resolved' : 'Open'} errors${names.step ? ` of ${names.step}` : ''}`} crumbs={crumbs}>
      <nav class="tabs" aria-label="Error lists">
        <Link href={`/flows/${flowId}/errors/${stepId}`} aria-current={resolved ? undefined : 'page'}>Open errors</Link>
        <Link href={`/flows/${flowId}/errors/${stepId}?view=resolved`} aria-current={resolved ? 'page' : undefined}>Resolved errors</Link>
      </nav>
      <Field label="Search by message or trace key" type="search" value={search} onInput={(v) => { setSearch(v); setPage(0); }} />
      {note ? <p role="status" class="note">{note}</p> : null}
      <Problem error={act.error || state.error} />
      {resolved ? null : (
        <div class="actions">
          <button type="button" onClick={() => retry(ids)} disabled={!ids.length || act.busy}>Retry selected ({ids.length})</button>
          <button type="button" onClick={() => resolve(ids)} disabled={!ids.length || act.busy}>Resolve selected ({ids.length})</button>
          <button type="button" onClick={() => retry(null)} disabled={!items.length || act.busy}>Retry all</button>
          <button type="button" onClick={() => resolve(null)} disabled={!items.length || act.busy}>Resolve all</button>
        </div>
      )}
      {state.items === null ? <Loading /> : (
        <>
          <p class="muted" aria-live="polite">{shown.length}{state.next ? '+' : ''} {resolved ? 'resolved' : 'open'} errors</p>
          <table class="list errors">
            <thead><tr>{resolved ? null : <th><span class="sr-only">Select</span></th>}<th>When</th><th>Message</th><th>Trace key</th><th>Source</th><th><span class="sr-only">Record</span></th></tr></thead>
            <tbody>{screen.map((e) => (
              <tr key={e.errorId} class={open?.errorId === e.errorId ? 'current' : ''}>
                {resolved ? null : <td><input type="checkbox" checked={selected.has(e.errorId)} onChange={() => toggle(e.errorId)}
                  aria-label={`Select error ${e.traceKey || e.errorId}`} /></td>}
                <td data-label="When">{when(e.occurredAt)}</td>
                <td data-label="Message" class="message">{e.message}</td>
                <td data-label="Trace key">{e.traceKey || '—'}</td>
                <td data-label="Source">{e.source}</td>
                <td><button type="button" onClick={() => setOpen(e)} aria-label={`Open record of ${e.traceKey || e.errorId}`}>Open</button></td>
              </tr>))}
            </tbody>
          </table>
          <div class="pager">
            <button type="button" onClick={() => setPage(page - 1)} disabled={page === 0}>Previous</button>
            <span>Page {page + 1} of {pages}{state.next ? '+' : ''}</span>
            <button type="button" onClick={() => setPage(page + 1)} disabled={page + 1 >= pages}>Next</button>
          </div>
        </>
      )}
      {open ? <ErrorDetail key={open.errorId} base={base} error={open} resolved={resolved} busy={act.busy}
        retry={() => retry([open.errorId])} resolve={() => resolve([open.errorId])} close={() => setOpen(null)} /> : null}
    </Page>
  );
}

function ErrorDetail({ base, error, resolved, busy, retry, resolve, close }) {
  const [text, setText] = useState(null);
  const [saved, setSaved] = useState(null);
  const [dirty, setDirty] = useState(false);
  const act = useAction();
  useEffect(() => {
    if (!error.retryDataKey) { setText(''); return; }
    get(`${base}/${error.retryDataKey}/data`).then((r) => setText(JSON.stringify(r.data, null, 2)), (e) => act.setError(e));
  }, [error.errorId]);
  const save = () => act.run(async () => {
    let data;
    try { data = JSON.parse(text); } catch (e) { throw { errors: [{ message: `The record is not valid JSON: ${e.message}` }] }; }
    await put(`${base}/${error.retryDataKey}/data`, { data });
    setSaved('Retry data saved.');
    setDirty(false);
    return true;
  });
  // Retrying an edited record retries it as edited.
  const retryEdited = async () => { if (!dirty || (await save())) retry(); };
  return (
    <section class="card detail" aria-labelledby="detail-h">
      <h2 id="detail-h">Error {error.traceKey ? `for ${error.traceKey}` : ''}</h2>
      <p class="message">{error.message}</p>
      <p class="muted">{error.code} · {error.source} · attempts {error.attempts ?? 0}</p>
      {error.retryDataKey ? (text === null ? <Loading /> :
        // A plain text box, not CodeMirror: with a CodeMirror editor on the page, key presses hung
        // Chromium 156's renderer in the browser tests (issue 17).
        <div class="field"><label for="record-json">Record JSON</label>
          <textarea id="record-json" class="code-text" rows={Math.min(20, Math.max(6, text.split('\n').length + 1))} value={text}
            readOnly={resolved} spellcheck={false} onInput={(e) => { setText(e.currentTarget.value); setSaved(null); setDirty(true); }} /></div>)
        : <p class="muted">No retry data was kept for this record.</p>}
      {saved ? <p role="status" class="note">{saved}</p> : null}
      <Problem error={act.error} />
      <div class="actions">
        {resolved || !error.retryDataKey ? null : <button type="button" onClick={save} disabled={act.busy}>Save</button>}
        {resolved ? null : <>
          <button type="button" class="primary" onClick={retryEdited} disabled={busy || act.busy || !error.retryDataKey}>Retry</button>
          <button type="button" onClick={resolve} disabled={busy}>Resolve</button></>}
        <button type="button" onClick={close}>Close</button>
      </div>
    </section>
  );
}
