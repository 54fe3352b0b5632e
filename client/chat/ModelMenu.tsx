// A menu of models (for "regenerate with…"): a popover in the top layer, so neither the
// scrolling list nor a row's transform clips it, with arrow-key navigation; Esc closes it
// and returns focus to its button.
import { type KeyboardEvent, type ReactNode, type ToggleEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { matches, SHORTCUTS } from '../ui/shortcuts';
import type { ModelGroup } from './model-options';

interface Props {
  groups: ModelGroup[];
  /** The model to mark as the current one. */
  current: string | null;
  /** The trigger's accessible name (its content may be an icon). */
  label: string;
  children: ReactNode;
  onPick: (model: string) => void;
  /** The trigger's look: an icon button unless told otherwise. */
  className?: string;
}

const MAX_HEIGHT = 360;

/** Opens the menu below its button, or above when there is more room there. */
function place(menu: HTMLElement, trigger: HTMLElement): void {
  const rect = trigger.getBoundingClientRect();
  const height = Math.min(menu.scrollHeight, MAX_HEIGHT);
  const room = window.innerHeight - rect.bottom;
  const above = room < height + 8 && rect.top > room;
  menu.style.top = above ? '' : `${rect.bottom + 4}px`;
  menu.style.bottom = above ? `${window.innerHeight - rect.top + 4}px` : '';
  menu.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - menu.offsetWidth - 8))}px`;
}

export function ModelMenu({ groups, current, label, children, onPick, className = 'icon-button small' }: Props) {
  const id = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  const items = () => [
    ...(menu.current?.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]:not(:disabled)') ?? []),
  ];

  // The items render only while the menu is open (a long list of rows each carrying one).
  const onBeforeToggle = (event: ToggleEvent<HTMLDivElement>) => setOpen(event.newState === 'open');

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the menu opens
  useLayoutEffect(() => {
    if (!open || !menu.current || !trigger.current) return;
    place(menu.current, trigger.current);
    const all = items();
    (all.find((item) => item.getAttribute('aria-checked') === 'true') ?? all[0])?.focus();
  }, [open]);

  const close = (refocus: boolean) => {
    menu.current?.hidePopover();
    if (refocus) trigger.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      all[(to + all.length) % all.length]?.focus();
    };
    if (matches(event, SHORTCUTS.menuNext)) move(at + 1);
    else if (matches(event, SHORTCUTS.menuPrevious)) move(at - 1);
    else if (matches(event, SHORTCUTS.menuFirst)) move(0);
    else if (matches(event, SHORTCUTS.menuLast)) move(all.length - 1);
    else if (matches(event, SHORTCUTS.closeMenu)) {
      // Handled here (not by the popover) so the conversation's Esc does not stop a reply too.
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') close(false);
  };

  return (
    <>
      <button
        type="button"
        ref={trigger}
        className={className}
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        popoverTarget={id}
      >
        {children}
      </button>
      <div
        id={id}
        ref={menu}
        popover="auto"
        role="menu"
        aria-label={label}
        className="model-menu"
        onBeforeToggle={onBeforeToggle}
        onKeyDown={onKeyDown}
      >
        {open &&
          groups.map((group) => (
            // biome-ignore lint/a11y/useSemanticElements: inside a menu, ARIA's group is the right role (a fieldset is for forms)
            <div
              key={group.label}
              role="group"
              aria-label={group.hint ? `${group.label} (${group.hint})` : group.label}
            >
              <div className="model-menu-heading" aria-hidden="true">
                {group.label}
                {group.hint && <span className="model-menu-hint"> · {group.hint}</span>}
              </div>
              {group.options.map((option) => (
                <button
                  key={option.id}
                  type="button"
                  role="menuitemradio"
                  aria-checked={option.id === current}
                  disabled={option.disabled}
                  className="model-menu-item"
                  onClick={() => {
                    close(true);
                    onPick(option.id);
                  }}
                >
                  {option.label}
                </button>
              ))}
            </div>
          ))}
      </div>
    </>
  );
}
