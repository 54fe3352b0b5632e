// The centred card that frames the sign-in and sign-up pages.
import './auth.css';
import { type ReactNode, useRef } from 'react';
import { Logo } from '../ui/Logo';
import { useFocusOnNavigate } from '../ui/use-focus-on-navigate';

interface AuthLayoutProps {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer: ReactNode;
}

export function AuthLayout({ title, subtitle, children, footer }: AuthLayoutProps) {
  const mainRef = useRef<HTMLElement>(null);
  useFocusOnNavigate(mainRef);
  return (
    <main id="main" className="auth" tabIndex={-1} ref={mainRef}>
      <div className="auth-card">
        <div className="auth-brand">
          <Logo size={40} />
          <span>Hearth</span>
        </div>
        <h1>{title}</h1>
        <p className="auth-subtitle">{subtitle}</p>
        {children}
        <p className="auth-footer">{footer}</p>
      </div>
    </main>
  );
}
