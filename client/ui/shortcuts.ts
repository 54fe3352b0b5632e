// Hearth's keyboard shortcuts, in one registry: every keyboard handler in the app asks
// `matches(event, SHORTCUTS.x)`, and the ? sheet lists SHORTCUTS, so the two cannot drift
// (shortcuts.test.ts fails on a handler that reads keys itself). Shown for this platform:
// ⌘ on Apple devices, Ctrl elsewhere.

const APPLE = typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/.test(navigator.platform);

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

export type ShortcutGroup = 'Anywhere' | 'Chat list' | 'Conversation' | 'Search' | 'Menus' | 'Settings';

export interface Shortcut {
  group: ShortcutGroup;
  /** The keys that do it, as KeyboardEvent.key names them (letters in lower case); any one of them. */
  keys: readonly string[];
  /** Held with Ctrl on Windows and Linux, ⌘ on Apple devices. */
  mod?: boolean;
  shift?: boolean;
  description: string;
}

/** Every shortcut, in the order the sheet lists them. */
export const SHORTCUTS = {
  search: { group: 'Anywhere', keys: ['k'], mod: true, description: 'Search chats and messages' },
  newChat: { group: 'Anywhere', keys: ['o'], mod: true, shift: true, description: 'New chat' },
  showShortcuts: { group: 'Anywhere', keys: ['?'], description: 'Show keyboard shortcuts' },
  // The native <dialog> closes itself on Esc; listed so the sheet says how to leave it.
  closeDialog: { group: 'Anywhere', keys: ['Escape'], description: 'Close a dialog, like this one' },

  renameChat: { group: 'Chat list', keys: ['F2'], description: 'Rename the selected chat' },
  saveName: { group: 'Chat list', keys: ['Enter'], description: 'Save the new name' },
  cancelRename: { group: 'Chat list', keys: ['Escape'], description: 'Keep the old name' },
  openChatMenu: {
    group: 'Chat list',
    keys: ['ArrowDown', 'ArrowUp'],
    description: "Open a chat's actions menu, from its ⋯ button",
  },
  undoDelete: {
    group: 'Chat list',
    keys: ['z'],
    mod: true,
    description: 'Undo deleting a chat, while the notice shows',
  },
  closeDrawer: { group: 'Chat list', keys: ['Escape'], description: 'Close the chat list, on a narrow screen' },

  send: { group: 'Conversation', keys: ['Enter'], description: 'Send the message' },
  // The text box's own behaviour (Enter without Shift is taken by send); listed, not handled.
  newLine: { group: 'Conversation', keys: ['Enter'], shift: true, description: 'New line' },
  editLast: {
    group: 'Conversation',
    keys: ['ArrowUp'],
    description: 'Edit your last message, in an empty message box',
  },
  stopReply: { group: 'Conversation', keys: ['Escape'], description: 'Stop a streaming reply' },
  saveEdit: { group: 'Conversation', keys: ['Enter'], description: 'Send an edited message' },
  cancelEdit: { group: 'Conversation', keys: ['Escape'], description: 'Cancel editing a message' },
  previousImage: { group: 'Conversation', keys: ['ArrowLeft'], description: 'Previous image or PDF, in the viewer' },
  nextImage: { group: 'Conversation', keys: ['ArrowRight'], description: 'Next image or PDF, in the viewer' },
  zoomIn: { group: 'Conversation', keys: ['+', '='], description: 'Zoom in, in the image viewer' },
  zoomOut: { group: 'Conversation', keys: ['-'], description: 'Zoom out, in the image viewer' },
  zoomReset: { group: 'Conversation', keys: ['0'], description: 'Fit the whole image, in the image viewer' },

  searchNext: { group: 'Search', keys: ['ArrowDown'], description: 'Next result' },
  searchPrevious: { group: 'Search', keys: ['ArrowUp'], description: 'Previous result' },
  openResult: { group: 'Search', keys: ['Enter'], description: 'Open the chat at that message' },
  closeSearch: { group: 'Search', keys: ['Escape'], description: 'Close search' },

  menuNext: { group: 'Menus', keys: ['ArrowDown'], description: 'Next item' },
  menuPrevious: { group: 'Menus', keys: ['ArrowUp'], description: 'Previous item' },
  menuFirst: { group: 'Menus', keys: ['Home'], description: 'First item' },
  menuLast: { group: 'Menus', keys: ['End'], description: 'Last item' },
  closeMenu: { group: 'Menus', keys: ['Escape'], description: 'Close the menu' },

  addTrait: { group: 'Settings', keys: ['Enter', ','], description: 'Add the trait typed' },
  removeTrait: { group: 'Settings', keys: ['Backspace'], description: 'Remove the last trait, in an empty traits box' },
  addModel: { group: 'Settings', keys: ['Enter'], description: 'Add the model id typed' },
  cancelForm: { group: 'Settings', keys: ['Escape'], description: 'Close a key or model form without saving' },
} as const satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof SHORTCUTS;

/** The parts of a keyboard event a shortcut is read from (a DOM or a React event). */
type KeyEvent = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/**
 * True when the event is this shortcut: one of its keys, with just the modifiers it names.
 * Shift counts only where it does not type the key itself (on most layouts ? is Shift+/).
 */
export function matches(event: KeyEvent, shortcut: Shortcut): boolean {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (!shortcut.keys.includes(key) || event.altKey) return false;
  const [mod, other] = APPLE ? [event.metaKey, event.ctrlKey] : [event.ctrlKey, event.metaKey];
  if (other || mod !== Boolean(shortcut.mod)) return false;
  const shiftTypesIt = key.length === 1 && key.toLowerCase() === key.toUpperCase();
  return shiftTypesIt || event.shiftKey === Boolean(shortcut.shift);
}

const KEY_LABELS: Record<string, string> = {
  Escape: 'Esc',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
};
const keyLabel = (key: string) => KEY_LABELS[key] ?? (key.length === 1 ? key.toUpperCase() : key);

/** Each way to press it, as the keys people read: [['Ctrl', 'Shift', 'O']], or [['↓'], ['↑']]. */
export function shortcutKeys(shortcut: Shortcut): string[][] {
  return shortcut.keys.map((key) =>
    [shortcut.mod && (APPLE ? '⌘' : 'Ctrl'), shortcut.shift && 'Shift', keyLabel(key)].filter((part): part is string =>
      Boolean(part),
    ),
  );
}

/** Its first way, written as a hint: "Ctrl+Shift+O", or "⇧⌘O" on a Mac. */
export function formatShortcut(shortcut: Shortcut): string {
  const key = keyLabel(shortcut.keys[0] ?? '');
  if (APPLE) return `${shortcut.shift ? '⇧' : ''}${shortcut.mod ? '⌘' : ''}${key}`;
  return [shortcut.mod && 'Ctrl', shortcut.shift && 'Shift', key].filter(Boolean).join('+');
}

/** Its first way, as aria-keyshortcuts spells it ("Control+Shift+O"). */
export function ariaShortcut(shortcut: Shortcut): string {
  const key = shortcut.keys[0] ?? '';
  return [
    shortcut.mod && (APPLE ? 'Meta' : 'Control'),
    shortcut.shift && 'Shift',
    key.length === 1 ? key.toUpperCase() : key,
  ]
    .filter(Boolean)
    .join('+');
}

export interface SheetGroup {
  title: ShortcutGroup;
  entries: { id: ShortcutId; description: string; keys: string[][] }[];
}

const GROUP_ORDER: readonly ShortcutGroup[] = ['Anywhere', 'Chat list', 'Conversation', 'Search', 'Menus', 'Settings'];

/** What the ? sheet shows: every shortcut, by group. */
export function shortcutSheet(): SheetGroup[] {
  const all = Object.entries(SHORTCUTS) as [ShortcutId, Shortcut][];
  return GROUP_ORDER.map((title) => ({
    title,
    entries: all
      .filter(([, shortcut]) => shortcut.group === title)
      .map(([id, shortcut]) => ({ id, description: shortcut.description, keys: shortcutKeys(shortcut) })),
  }));
}
