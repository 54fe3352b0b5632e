// Settings: every section on one page, with a section nav. API keys, search, account and
// devices live on the server; models, instructions, modes and appearance in the synced index doc.
import './settings.css';
import './keys.css';
import './sections.css';
import './usage.css';
import { useEffect, useState } from 'react';
import { AccountSection } from './AccountSection';
import { AppearanceSection } from './AppearanceSection';
import { DevicesSection } from './DevicesSection';
import { InstructionsSection } from './InstructionsSection';
import { KeysSection } from './KeysSection';
import { ModelsSection } from './ModelsSection';
import { ModesSection } from './ModesSection';
import { SearchSection } from './SearchSection';
import { type SectionLink, SettingsNav } from './SettingsNav';
import { UsageSection } from './UsageSection';
import { useKeys } from './use-keys';

const SECTIONS: readonly SectionLink[] = [
  { id: 'api-keys', label: 'API keys' },
  { id: 'models', label: 'Models' },
  { id: 'instructions', label: 'Custom instructions' },
  { id: 'modes', label: 'Modes' },
  { id: 'search', label: 'Search' },
  { id: 'appearance', label: 'Appearance' },
  { id: 'usage', label: 'Usage' },
  { id: 'account', label: 'Account' },
  { id: 'devices', label: 'Devices' },
];

export default function SettingsPage() {
  // Changing the password signs out other devices, so the device list reloads after it.
  const [devicesVersion, setDevicesVersion] = useState(0);
  const keys = useKeys();

  // A link to /settings#models lands on that section once the page has rendered.
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id && SECTIONS.some((s) => s.id === id)) document.getElementById(id)?.scrollIntoView({ block: 'start' });
  }, []);

  return (
    <div className="settings">
      <title>Settings · Hearth</title>
      <h1>Settings</h1>
      <div className="settings-layout">
        <SettingsNav sections={SECTIONS} />
        <div className="settings-sections">
          <KeysSection keys={keys} />
          <ModelsSection keys={keys} />
          <InstructionsSection />
          <ModesSection />
          <SearchSection keysVersion={keys.state} />
          <AppearanceSection />
          <UsageSection />
          <AccountSection onPasswordChanged={() => setDevicesVersion((v) => v + 1)} />
          <DevicesSection version={devicesVersion} />
        </div>
      </div>
    </div>
  );
}
