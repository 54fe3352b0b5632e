// Appearance: light, dark or the system's theme, and the fonts for text and code. Applied
// app-wide by AppearanceFromSettings and synced to every device.
import { useId } from 'react';
import type { Settings } from '../../shared/docs/settings';
import { CODE_FONTS, type FontChoice, fontStack, UI_FONTS } from './appearance';
import { useSettings } from './use-settings';

const THEMES: { id: Settings['theme']; label: string; hint: string }[] = [
  { id: 'system', label: 'System', hint: 'Follows this device' },
  { id: 'light', label: 'Light', hint: 'Always light' },
  { id: 'dark', label: 'Dark', hint: 'Always dark' },
];

export function AppearanceSection() {
  const current = useSettings();
  const id = useId();
  return (
    <section id="appearance" className="card" aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">Appearance</h2>
      {!current && <p className="muted">Loading your settings…</p>}
      {current && (
        <>
          <fieldset className="theme-choice">
            <legend>Theme</legend>
            <div className="theme-options">
              {THEMES.map((theme) => (
                <label key={theme.id} className="theme-option">
                  <input
                    type="radio"
                    name={`${id}-theme`}
                    value={theme.id}
                    checked={current.settings.theme === theme.id}
                    onChange={() => current.save('theme', theme.id)}
                  />
                  <span className="theme-swatch" aria-hidden="true">
                    {theme.id !== 'dark' && <span className="swatch-light" />}
                    {theme.id !== 'light' && <span className="swatch-dark" />}
                  </span>
                  <span className="theme-label">{theme.label}</span>
                  <span className="theme-hint">{theme.hint}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="font-fields">
            <FontSelect
              label="Interface font"
              choices={UI_FONTS}
              value={current.settings.uiFont}
              onChange={(value) => current.save('uiFont', value)}
            />
            <FontSelect
              label="Code font"
              choices={CODE_FONTS}
              value={current.settings.codeFont}
              onChange={(value) => current.save('codeFont', value)}
            />
          </div>
          <div className="font-preview" aria-hidden="true">
            <p>The quick brown fox jumps over the lazy dog.</p>
            <code>const answer = await hearth.ask("why?");</code>
          </div>
        </>
      )}
    </section>
  );
}

interface FontSelectProps {
  label: string;
  choices: readonly FontChoice[];
  value: string;
  onChange: (value: string) => void;
}

function FontSelect({ label, choices, value, onChange }: FontSelectProps) {
  const id = useId();
  // A value saved by a newer version of Hearth that this one doesn't know reads as the default.
  const known = choices.some((c) => c.id === value) ? value : (choices[0]?.id ?? '');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="select" value={known} onChange={(event) => onChange(event.target.value)}>
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id} style={{ fontFamily: fontStack(choices, choice.id) ?? undefined }}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}
