// The search palette's results: a listbox of chats, each followed by its matching messages
// (role, date, snippet with the matched words marked, "by meaning" when the server found it
// so). Which option is active is the palette's state; the input points to it.
import type { ReactNode } from 'react';
import type { Role } from '../../shared/docs/thread-doc';
import { Marked } from './Marked';
import type { ResultGroup } from './merge';

export interface ResultOption {
  id: string;
  threadId: string;
  messageId?: string;
}

/** The options in the order the arrow keys walk them. */
export function resultOptions(groups: readonly ResultGroup[]): ResultOption[] {
  return groups.flatMap((group) => [
    { id: optionId(group.threadId), threadId: group.threadId },
    ...group.items.map((item) => ({
      id: optionId(group.threadId, item.messageId),
      threadId: group.threadId,
      messageId: item.messageId,
    })),
  ]);
}

const optionId = (threadId: string, messageId?: string) => `search-${threadId}${messageId ? `-${messageId}` : ''}`;

const ROLE_LABEL: Record<Role, string> = { user: 'You', assistant: 'Assistant', system: 'Instructions' };

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const yearFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** "14:05" today, "3 Mar" this year, "3 Mar 2024" before. */
export function shortDate(timestamp: number, now = Date.now()): string {
  const date = new Date(timestamp);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) return timeFormat.format(date);
  return (date.getFullYear() === today.getFullYear() ? dayFormat : yearFormat).format(date);
}

interface Props {
  id: string;
  groups: ResultGroup[];
  activeId: string | null;
  onActivate: (id: string) => void;
  onOpen: (option: ResultOption) => void;
  label: string;
}

export function SearchResults({ id, groups, activeId, onActivate, onOpen, label }: Props) {
  const option = (target: ResultOption, className: string, children: ReactNode) => (
    <Option
      key={target.id}
      option={target}
      active={activeId === target.id}
      className={className}
      onActivate={onActivate}
      onOpen={onOpen}
    >
      {children}
    </Option>
  );
  return (
    <div id={id} role="listbox" aria-label={label} className="search-results">
      {groups.map((group) => (
        // biome-ignore lint/a11y/useSemanticElements: inside a listbox, ARIA's group is the right role (a fieldset is for forms)
        <div key={group.threadId} role="group" aria-label={group.title} className="search-group">
          {option(
            { id: optionId(group.threadId), threadId: group.threadId },
            'search-chat',
            <>
              <span className="search-chat-title">
                <Marked text={group.title} marks={group.titleMarks} />
              </span>
              <span className="search-date">{shortDate(group.updatedAt)}</span>
            </>,
          )}
          {group.items.map((item) =>
            option(
              { id: optionId(group.threadId, item.messageId), threadId: group.threadId, messageId: item.messageId },
              'search-message',
              <>
                <span className="search-meta">
                  {item.role && <span className="search-role">{ROLE_LABEL[item.role]}</span>}
                  {item.createdAt !== undefined && <span className="search-date">{shortDate(item.createdAt)}</span>}
                  {item.matchedBy.includes('meaning') && <span className="badge search-badge">by meaning</span>}
                </span>
                <span className="search-snippet">
                  <Marked text={item.snippet} marks={item.marks} />
                </span>
              </>,
            ),
          )}
          {group.more > 0 && (
            <p className="search-more" aria-hidden="true">
              {group.more === 1 ? '1 more match in this chat' : `${group.more} more matches in this chat`}
            </p>
          )}
        </div>
      ))}
    </div>
  );
}

interface OptionProps {
  option: ResultOption;
  active: boolean;
  className: string;
  onActivate: (id: string) => void;
  onOpen: (option: ResultOption) => void;
  children: ReactNode;
}

function Option({ option, active, className, onActivate, onOpen, children }: OptionProps) {
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: keys go to the search box, which moves through the options (aria-activedescendant)
    <div
      id={option.id}
      role="option"
      aria-selected={active}
      tabIndex={-1}
      className={`search-option ${className}`}
      // Focus stays in the search box: a click opens, it does not move the caret away.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => onOpen(option)}
      onPointerMove={() => !active && onActivate(option.id)}
    >
      {children}
    </div>
  );
}
