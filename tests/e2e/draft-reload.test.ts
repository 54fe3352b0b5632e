// [S13] Nothing typed is lost to a reload: offline, on a CPU slowed six times (so IndexedDB
// answers late), a reload straight after the last keystroke still finds every keystroke.
// The network is off, so nothing can come back from the server: only the device kept it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Stack, startStack } from '../fake-ai/chat-helpers';
import { newAccount, openProfileDevice, waitForServiceWorkerControl } from '../support/browser';
import { AppShell } from './pages/AppShell';
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

// Three rounds, because a round's writes can queue behind a read the previous start left
// running (the catch-up's cursor), which dies with the page: the unload journal keeps them.
test('[S13] a reload right after typing offline keeps every keystroke', async () => {
  const device = await openProfileDevice({ baseURL: stack.hearth.url });
  try {
    await new SignUpPage(device.page).goto();
    await new SignUpPage(device.page).signUp(newAccount('Reload Rosa'));
    await new AppShell(device.page).emptyState.waitFor();
    await waitForServiceWorkerControl(device.page);
    const chat = new ConversationPage(device.page);
    await new Sidebar(device.page).createChat();
    await chat.ready();
    const cdp = await device.context.newCDPSession(device.page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    await device.context.setOffline(true);

    const kept: string[] = [];
    for (const word of ['umbrella', 'boots', 'map']) {
      await chat.draft.fill('');
      await chat.draft.pressSequentially(`Pack the ${word}`);
      await device.page.reload();
      await chat.ready();
      // The draft shows once its doc has loaded from the device; then it must be whole.
      await device.page.waitForFunction(() => (document.querySelector('#draft') as HTMLTextAreaElement).value !== '');
      kept.push(await chat.draft.inputValue());
    }
    expect(kept).toEqual(['Pack the umbrella', 'Pack the boots', 'Pack the map']);
  } finally {
    await device.close();
  }
});
