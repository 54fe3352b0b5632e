// (2) Fan-out: one reply streaming while three devices of the same person have the thread
// open. Per token: from the fake provider writing it to each device holding it.
import { createThreads, numberedReply, openThread, send, signUp, type Watch, watchReply } from './devices';
import { sleep, type TappedFake, until } from './stack';

export interface FanOutResult {
  /** Per device, per token delays in ms (emitted by the fake → held by the device). */
  perDevice: number[][];
  tokens: number;
  replies: number;
}

export async function fanOut(
  tapped: TappedFake,
  baseUrl: string,
  replies: number,
  tokens: number,
  tokenDelayMs: number,
): Promise<FanOutResult> {
  const user = await signUp(baseUrl, 3);
  const [laptop] = user.devices;
  const { ids, index } = await createThreads(laptop!, user.userId, 1);
  const devices = await Promise.all(user.devices.map((d) => openThread(d, user.userId, ids[0]!)));
  const sender = devices[0]!;
  await sleep(200);
  const perDevice: number[][] = devices.map(() => []);
  let parent: string | null = null;
  for (let r = 0; r < replies; r++) {
    const marker = `[fan-${r}]`;
    tapped.fake.onPrompt(marker, { reply: numberedReply(tokens), tokenDelayMs }, 1);
    let watches: Watch[] = [];
    const { replyId } = send(sender.doc, `Stream to all three ${marker}`, parent);
    watches = devices.map((d) => watchReply(d.doc, replyId, tokens));
    await until(() => watches.every((w) => w.done), `fan-out reply ${r}`, 10_000 + tokens * tokenDelayMs * 3);
    parent = replyId;
    const tap = tapped.find(marker);
    if (!tap) throw new Error(`no request for ${marker}`);
    for (const [d, watch] of watches.entries()) {
      if (watch.status !== 'done' || watch.arrivals.length !== tokens) {
        throw new Error(`device ${d} ended ${watch.status} with ${watch.arrivals.length}/${tokens} tokens`);
      }
      for (let i = 0; i < tokens; i++) perDevice[d]!.push(watch.arrivals[i]! - tap.writes[i + 1]!);
    }
    await sleep(300); // the first reply's title request, and the 250 ms stream flush
  }
  for (const d of devices) d.provider.destroy();
  index.provider.destroy();
  return { perDevice, tokens, replies };
}
