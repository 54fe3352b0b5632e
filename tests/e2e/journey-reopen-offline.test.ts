// Journey: sign up on a real browser profile (installable), make two chats (one with an
// answered message, one with a draft), close the browser, start it again offline on the same
// profile: the app opens from the service worker with both chats, the message and the draft.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Stack, startStack } from '../fake-ai/chat-helpers';
import {
  installabilityErrors,
  newAccount,
  openProfileDevice,
  screenshot,
  stayOffline,
  waitForServiceWorkerControl,
} from '../support/browser';
import { AppShell } from './pages/AppShell';
import { ChatPage } from './pages/ChatPage';
import { ConversationPage } from './pages/ConversationPage';
import { Sidebar } from './pages/Sidebar';
import { SignUpPage } from './pages/SignUpPage';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.stop();
});

test('closed and reopened offline, the installed app still has its chats, message and draft', async () => {
  const first = await openProfileDevice({ baseURL: stack.hearth.url });
  const signUp = new SignUpPage(first.page);
  await signUp.goto();
  await signUp.signUp(newAccount('Reopen Rosa'));
  await new AppShell(first.page).emptyState.waitFor();
  expect(await installabilityErrors(first.context, first.page)).toEqual([]);

  const sidebar = new Sidebar(first.page);
  const chat = new ConversationPage(first.page);
  await sidebar.createChat();
  await sidebar.renameOpenChat('Soup ideas');
  await chat.ready();
  await chat.sendMessage('What goes in a good soup?');
  await chat.waitForStatus(chat.withText('Echo: What goes in a good soup?'), 'done');

  await sidebar.createChat();
  await sidebar.renameOpenChat('Trip to Lisbon');
  await chat.ready();
  await chat.draft.pressSequentially('Pack the umbrella');

  await new ChatPage(first.page).waitForSynced();
  await waitForServiceWorkerControl(first.page);
  await chat.ready();
  expect(await chat.draft.inputValue()).toBe('Pack the umbrella');
  await first.close({ keepProfile: true });

  // The browser starts again on the same profile, with no network at all.
  const again = await openProfileDevice({ baseURL: stack.hearth.url, profile: first.profile });
  try {
    await again.context.setOffline(true);
    await again.page.goto('/');
    await stayOffline(again.page);
    const shell = new AppShell(again.page);
    const reopened = new Sidebar(again.page);
    const conversation = new ConversationPage(again.page);
    await shell.waitForReady();
    expect(await shell.userName.textContent()).toBe('Reopen Rosa');
    await shell.offlineIndicator.waitFor();
    await reopened.link('Soup ideas').waitFor();
    expect(await reopened.titles()).toEqual(['Trip to Lisbon', 'Soup ideas']);

    await reopened.open('Trip to Lisbon');
    await conversation.ready();
    await expect.poll(() => conversation.draft.inputValue()).toBe('Pack the umbrella');

    await reopened.open('Soup ideas');
    await conversation.ready();
    await expect
      .poll(() => conversation.texts())
      .toEqual(['What goes in a good soup?', 'Echo: What goes in a good soup?']);
    await new ChatPage(again.page).waitForSyncStatus('offline');
    await screenshot(again.page, 'journey-reopen-offline-1280');
  } finally {
    await again.close();
  }
});
