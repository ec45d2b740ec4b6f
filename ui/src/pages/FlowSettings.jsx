// A flow's own settings: name, enabled, schedule and time zone, with the next runs from the preview endpoint.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { Field, useLoad } from '../ui.jsx';

const PRESETS = [['', 'Custom / none'], ['? */15 * * * *', 'Every 15 minutes'], ['? 0 * * * *', 'Every hour'],
  ['? 0 */6 * * *', 'Every 6 hours'], ['? 0 2 * * *', 'Every day at 02:00'], ['? 0 2 * * 1', 'Every Monday at 02:00']];

export function FlowSettings({ flow, save, busy }) {
  const [name, setName] = useState(flow.name);
  const [schedule, setSchedule] = useState(flow.schedule || '');
  const [timezone, setTimezone] = useState(flow.timezone || '');
  const [enabled, setEnabled] = useState(!flow.disabled);
  useEffect(() => { setName(flow.name); setSchedule(flow.schedule || ''); setTimezone(flow.timezone || ''); setEnabled(!flow.disabled); },
    [flow.lastModified]);
  const preview = useLoad(() => (flow.schedule ? get(`/v1/flows/${flow._id}/schedule/preview?count=5`) : Promise.resolve([])),
    [flow._id, flow.schedule, flow.timezone]);
  const submit = (e) => {
    e.preventDefault();
    const next = { ...flow, name, disabled: !enabled };
    if (schedule.trim()) next.schedule = schedule.trim(); else delete next.schedule;
    if (timezone.trim()) next.timezone = timezone.trim(); else delete next.timezone;
    delete next.nextRunAt;
    save(next);
  };
  return (
    <form class="card settings" onSubmit={submit} aria-labelledby="settings-h">
      <h2 id="settings-h">Flow settings</h2>
      <Field label="Name" name="name" value={name} onInput={setName} required />
      <label class="switch"><input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} /> Enabled</label>
      <div class="grid2">
        <div class="field">
          <label for="preset">Schedule preset</label>
          <select id="preset" value={PRESETS.some(([v]) => v === schedule) ? schedule : ''} onChange={(e) => e.currentTarget.value && setSchedule(e.currentTarget.value)}>
            {PRESETS.map(([v, t]) => <option key={v} value={v}>{t}</option>)}
          </select>
        </div>
        <Field label="Schedule (cron: ? minute hour day month weekday)" name="schedule" value={schedule} onInput={setSchedule} />
        <Field label="Time zone" name="timezone" value={timezone} onInput={setTimezone} placeholder="UTC"
          hint="An IANA zone such as Europe/Paris" />
      </div>
      {/* No <datalist> of zones: with one on the page, headless Chromium stalled on key presses in other forms. */}
      {preview.data?.length ? (
        <div><h3>Next runs ({flow.timezone || 'UTC'})</h3><ul class="runs">{preview.data.map((t) => <li key={t}><time>{t.replace('T', ' ')}</time></li>)}</ul></div>
      ) : null}
      <button type="submit" class="primary" disabled={busy}>Save</button>
    </form>
  );
}
