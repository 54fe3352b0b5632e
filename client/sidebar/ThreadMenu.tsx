// A chat's actions menu (Rename, Pin or Unpin, Delete), following the WAI-ARIA menu button
// pattern: focus moves into the menu, arrows, Home and End move between items, Esc and Tab
// close it and return focus to its button. It is drawn at a fixed position beside the button
// so the list's scrolling box cannot clip it; scrolling or resizing closes it.
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef } from 'react';
import { matches, SHORTCUTS } from '../ui/shortcuts';

export interface MenuAction {
  label: string;
  run: () => void;
  danger?: boolean;
}

interface ThreadMenuProps {
  id: string;
  anchor: HTMLElement;
  label: string;
  actions: MenuAction[];
  /** Which item takes focus first: ArrowUp on the button opens at the last one. */
  focusLast: boolean;
  /** `returnFocus` is false when the person clicked elsewhere (focus goes where they clicked). */
  onClose: (returnFocus: boolean) => void;
}

const GAP = 4;
const MARGIN = 8;

export function ThreadMenu({ id, anchor, label, actions, focusLast, onClose }: ThreadMenuProps) {
  const ref = useRef<HTMLDivElement>(null);

  // Below the button, right edges aligned; above it when there is no room below. Placed
  // before paint (so it never flashes elsewhere), then the first or last item takes focus.
  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const button = anchor.getBoundingClientRect();
    const { offsetWidth: width, offsetHeight: height } = menu;
    const below = button.bottom + GAP;
    const top = below + height > window.innerHeight - MARGIN ? button.top - GAP - height : below;
    const left = Math.min(Math.max(button.right - width, MARGIN), window.innerWidth - width - MARGIN);
    menu.style.top = `${Math.max(top, MARGIN)}px`;
    menu.style.left = `${left}px`;
    const items = itemsOf(menu);
    (focusLast ? items[items.length - 1] : items[0])?.focus();
  }, [anchor, focusLast]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!ref.current?.contains(target) && !anchor.contains(target)) onClose(false);
    };
    const onScrollOrResize = (event: Event) => {
      if (!ref.current?.contains(event.target as Node)) onClose(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('scroll', onScrollOrResize, true);
    window.addEventListener('resize', onScrollOrResize);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('scroll', onScrollOrResize, true);
      window.removeEventListener('resize', onScrollOrResize);
    };
  }, [anchor, onClose]);

  const onKeyDown = (event: KeyboardEvent) => {
    const items = itemsOf(ref.current);
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    if (matches(event, SHORTCUTS.menuNext)) move(at + 1);
    else if (matches(event, SHORTCUTS.menuPrevious)) move(at - 1);
    else if (matches(event, SHORTCUTS.menuFirst)) move(0);
    else if (matches(event, SHORTCUTS.menuLast)) move(items.length - 1);
    else if (matches(event, SHORTCUTS.closeMenu) || event.key === 'Tab') onClose(true);
    else return;
    // Handled here: no page scroll, no drawer closing, no focus leaving the menu by Tab.
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div ref={ref} id={id} role="menu" aria-label={label} className="thread-menu" onKeyDown={onKeyDown}>
      {actions.map((action) => (
        <button
          key={action.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={`thread-menu-item${action.danger ? ' danger' : ''}`}
          onClick={action.run}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}

function itemsOf(menu: HTMLElement | null): HTMLElement[] {
  return menu ? [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')] : [];
}
