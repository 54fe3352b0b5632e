// Hearth's keyboard shortcuts: how to recognise them and how to show them on this platform
// (⌘ on Apple devices, Ctrl elsewhere). The shortcuts sheet lists SHORTCUT_GROUPS.

const APPLE = typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/.test(navigator.platform);

interface Combo {
  /** Ctrl on Windows and Linux, ⌘ on Apple devices. */
  mod?: boolean;
  shift?: boolean;
}

/** The keys as people read them: "Ctrl+Shift+O", or "⇧⌘O" on a Mac. */
export function formatShortcut(key: string, combo: Combo = {}): string {
  if (APPLE) return `${combo.shift ? '⇧' : ''}${combo.mod ? '⌘' : ''}${key}`;
  return [combo.mod && 'Ctrl', combo.shift && 'Shift', key].filter(Boolean).join('+');
}

/** The keys as aria-keyshortcuts spells them. */
export function ariaShortcut(key: string, combo: Combo = {}): string {
  return [combo.mod && (APPLE ? 'Meta' : 'Control'), combo.shift && 'Shift', key].filter(Boolean).join('+');
}

/** True for the platform's command key alone (⌘ on Apple devices, Ctrl elsewhere), without Alt. */
export function isMod(event: KeyboardEvent): boolean {
  if (event.altKey) return false;
  return APPLE ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
}

/** True when keys typed now go into a text field, so single-key shortcuts must not fire. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
    return true;
  }
  return (
    target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type)
  );
}

export interface ShortcutEntry {
  /** Each alternative is a list of keys pressed together. */
  keys: string[];
  description: string;
}

export interface ShortcutGroup {
  title: string;
  entries: ShortcutEntry[];
}

const mod = APPLE ? '⌘' : 'Ctrl';

export const SHORTCUT_GROUPS: ShortcutGroup[] = [
  {
    title: 'Anywhere',
    entries: [
      { keys: [mod, 'K'], description: 'Search chats and messages' },
      { keys: [mod, 'Shift', 'O'], description: 'New chat' },
      { keys: ['?'], description: 'Show keyboard shortcuts' },
    ],
  },
  {
    title: 'Chat list',
    entries: [
      { keys: ['F2'], description: 'Rename the selected chat' },
      { keys: [mod, 'Z'], description: 'Undo deleting a chat, while the notice shows' },
    ],
  },
  {
    title: 'Conversation',
    entries: [
      { keys: ['Enter'], description: 'Send the message' },
      { keys: ['Shift', 'Enter'], description: 'New line' },
      { keys: ['↑'], description: 'Edit your last message, in an empty message box' },
      { keys: ['Esc'], description: 'Stop a streaming reply' },
    ],
  },
];
