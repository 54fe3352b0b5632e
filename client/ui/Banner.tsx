// A message box above a form or section: errors are alerts, everything else is a status.
import type { ReactNode } from 'react';

interface BannerProps {
  tone: 'error' | 'success' | 'info';
  children: ReactNode;
}

export function Banner({ tone, children }: BannerProps) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
