// Small building blocks shared by the screens: loading, labelled fields, error messages, status words.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

let seq = 0;
export const useId = (prefix) => useRef(`${prefix}-${++seq}`).current;

/** Loads data with fn; reload() loads again; every(ms) polls while mounted. */
export function useLoad(fn, deps, every) {
  const [state, setState] = useState({ data: undefined, error: null });
  const alive = useRef(true);
  const reload = useCallback(() => fn().then(
    (data) => alive.current && setState({ data, error: null }),
    (error) => alive.current && setState((s) => ({ data: s.data, error })),
  ), deps);
  useEffect(() => {
    alive.current = true;
    reload();
    const t = every ? setInterval(reload, every) : null;
    return () => { alive.current = false; if (t) clearInterval(t); };
  }, [reload, every]);
  return { ...state, reload };
}

/** Runs an action, keeping its error for display and a busy flag so buttons are not pressed twice. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async (fn) => {
    setBusy(true); setError(null);
    try { return await fn(); } catch (e) { setError(e); return undefined; } finally { setBusy(false); }
  };
  return { busy, error, setError, run };
}

export function Problem({ error }) {
  if (!error) return null;
  const items = error.errors || [{ message: String(error.message || error) }];
  return (
    <div class="problem" role="alert">
      {items.map((e, i) => <p key={i}>{e.field ? <strong>{e.field}: </strong> : null}{e.message}</p>)}
    </div>
  );
}

export function Field({ label, value, onInput, error, type = 'text', hint, ...rest }) {
  const id = useId('f');
  const messages = error ? error.forField?.(rest.name) || [] : [];
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type={type} value={value ?? ''} onInput={(e) => onInput(e.currentTarget.value)}
        aria-invalid={messages.length > 0} {...rest} />
      {hint ? <small>{hint}</small> : null}
      {messages.map((m, i) => <small key={i} class="field-error">{m.message}</small>)}
    </div>
  );
}

export function Select({ label, value, onChange, options, ...rest }) {
  const id = useId('s');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value)} {...rest}>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </div>
  );
}

export function Status({ status }) {
  if (!status) return <span class="status none">never run</span>;
  return <span class={`status ${status}`}>{status}</span>;
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function duration(job) {
  if (!job?.startedAt) return '—';
  const ms = (job.endedAt ? new Date(job.endedAt) : new Date()) - new Date(job.startedAt);
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 100) / 10;
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export function Page({ title, actions, children, crumbs }) {
  useEffect(() => { document.title = `${title} · Tributary`; }, [title]);
  return (
    <section class="page">
      {crumbs ? <nav class="crumbs" aria-label="Breadcrumb">{crumbs}</nav> : null}
      <header class="page-head"><h1>{title}</h1>{actions ? <div class="actions">{actions}</div> : null}</header>
      {children}
    </section>
  );
}

export const Loading = () => <p class="muted" aria-live="polite">Loading…</p>;
