// (1) First-token latency: the fake provider called directly with the openai SDK, against the
// same fake answering through Hearth (a device writes a queued placeholder; the server streams
// the reply into its Y.Text; the device sees the first token). Samples alternate between the
// two so machine noise lands on both alike. The fake answers at once (latency 0, no token delay).
import OpenAI from 'openai';
import { createThreads, numberedReply, openThread, send, signUp, watchReply } from './devices';
import { FAKE_KEY, sleep, type TappedFake, until } from './stack';

const REPLY_TOKENS = 10;

/** One sample, split at the fake provider: before its request arrived, its own time, after its first token. */
export interface FirstTokenSample {
  total: number;
  /** t0 (request started / placeholder written) → the fake received the request. */
  toProvider: number;
  /** The fake received the request → it wrote the first content token. */
  inProvider: number;
  /** The fake wrote the first token → the client/device had it. */
  fromProvider: number;
}

export interface FirstTokenResult {
  direct: FirstTokenSample[];
  hearth: FirstTokenSample[];
}

async function direct(tapped: TappedFake, marker: string): Promise<FirstTokenSample> {
  // A new client per request, with the options the server uses (provider-client.ts).
  const client = new OpenAI({
    apiKey: FAKE_KEY,
    baseURL: tapped.fake.url,
    maxRetries: 0,
    timeout: 10_000,
    logLevel: 'off',
  });
  const t0 = performance.now();
  const stream = await client.chat.completions.create({
    model: 'gpt-4.1-mini',
    messages: [{ role: 'user', content: `Question ${marker}` }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let t1 = 0;
  for await (const chunk of stream) {
    if (!t1 && chunk.choices[0]?.delta?.content) t1 = performance.now();
  }
  const tap = tapped.find(marker);
  if (!tap || !t1) throw new Error(`direct sample ${marker} saw no token`);
  return {
    total: t1 - t0,
    toProvider: tap.at - t0,
    inProvider: tap.writes[1]! - tap.at,
    fromProvider: t1 - tap.writes[1]!,
  };
}

export async function firstToken(
  tapped: TappedFake,
  baseUrl: string,
  samples: number,
  warmup: number,
): Promise<FirstTokenResult> {
  tapped.fake.defaults = { tokenDelayMs: 0, reply: numberedReply(REPLY_TOKENS) };
  const user = await signUp(baseUrl, 1);
  const device = user.devices[0]!;
  const { ids, index } = await createThreads(device, user.userId, 1);
  const thread = await openThread(device, user.userId, ids[0]!);
  // One conversation: each message answers the previous reply (the thread's title request
  // follows the first reply only, which falls in the warm-up).
  let parent: string | null = null;
  const hearth = async (marker: string): Promise<FirstTokenSample> => {
    const t0 = performance.now();
    const { replyId } = send(thread.doc, `Question ${marker}`, parent);
    const watch = watchReply(thread.doc, replyId, REPLY_TOKENS);
    await until(() => watch.done, `reply ${marker}`, 10_000);
    parent = replyId;
    const tap = tapped.find(marker);
    const t1 = watch.arrivals[0];
    if (!tap || t1 === undefined || watch.status !== 'done')
      throw new Error(`hearth sample ${marker} ended ${watch.status}`);
    return {
      total: t1 - t0,
      toProvider: tap.at - t0,
      inProvider: tap.writes[1]! - tap.at,
      fromProvider: t1 - tap.writes[1]!,
    };
  };

  const result: FirstTokenResult = { direct: [], hearth: [] };
  for (let i = 0; i < warmup + samples; i++) {
    const d = await direct(tapped, `[ftd-${i}]`);
    await sleep(5);
    const h = await hearth(`[fth-${i}]`);
    await sleep(i < warmup ? 100 : 10);
    if (i >= warmup) {
      result.direct.push(d);
      result.hearth.push(h);
    }
  }
  thread.provider.destroy();
  index.provider.destroy();
  return result;
}
