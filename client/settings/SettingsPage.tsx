// Settings: the account and the devices signed in to it. More sections join in later issues.
import './settings.css';
import { useState } from 'react';
import { AccountSection } from './AccountSection';
import { DevicesSection } from './DevicesSection';

export default function SettingsPage() {
  // Changing the password signs out other devices, so the device list reloads after it.
  const [devicesVersion, setDevicesVersion] = useState(0);
  return (
    <div className="settings">
      <title>Settings · Hearth</title>
      <h1>Settings</h1>
      <AccountSection onPasswordChanged={() => setDevicesVersion((v) => v + 1)} />
      <DevicesSection version={devicesVersion} />
    </div>
  );
}
