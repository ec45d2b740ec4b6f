// A CodeMirror editor (role textbox, labelled) for JSON or JavaScript; the library loads on first use.
import { useEffect, useRef } from 'preact/hooks';
import { useId } from './ui.jsx';

let loading;
const load = () => (loading ||= import('./codemirror.js'));

export function CodeEditor({ label, value, onChange, language = 'json', readOnly, messages = [], minHeight = '8rem' }) {
  const host = useRef(null);
  const view = useRef(null);
  const emitted = useRef(value);
  const change = useRef(onChange);
  change.current = onChange;
  const id = useId('code');

  useEffect(() => {
    let dead = false;
    load().then((cm) => {
      if (dead) return;
      view.current = cm.createEditor(host.current, {
        value: value ?? '', language, label, readOnly,
        onChange: (v) => { emitted.current = v; change.current?.(v); },
      });
      view.current.cm = cm;
    });
    return () => { dead = true; view.current?.destroy(); view.current = null; };
  }, [language, readOnly]);

  useEffect(() => {
    const v = view.current;
    if (v && value !== emitted.current && value !== v.state.doc.toString()) {
      emitted.current = value;
      v.cm.replaceDoc(v, value ?? '');
    }
  }, [value]);

  return (
    <div class="field code-field">
      <span class="label" id={id}>{label}</span>
      <div class="code" ref={host} style={{ minHeight }} aria-labelledby={id} data-editor={label} />
      {messages.map((m, i) => <p key={i} class="field-error" role="alert">{m.field ? <strong>{m.field}: </strong> : null}{m.message}</p>)}
    </div>
  );
}
