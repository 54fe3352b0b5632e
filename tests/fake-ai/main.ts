// `npm run dev:fake-ai`: the fake provider on its own, so anyone can try Hearth with no key.
// FAKE_AI_PORT picks the port (default: a free one); FAKE_AI_TOKEN_DELAY_MS paces the tokens.
import { startFakeAi } from './fake-ai';
import { lastUserText } from './replies';

const port = Number(process.env.FAKE_AI_PORT ?? 0);
const tokenDelayMs = Number(process.env.FAKE_AI_TOKEN_DELAY_MS ?? 40);
const fake = await startFakeAi({
  port,
  defaults: {
    tokenDelayMs,
    reply: (request) =>
      `This is Hearth's fake provider answering. You wrote: "${lastUserText(request)}". Each word arrives ${tokenDelayMs} ms after the last, so you can watch it stream, stop it, or reload mid-reply.`,
  },
});

process.stdout.write(
  [
    `Fake AI provider listening at ${fake.url}`,
    '',
    'Point Hearth at it:',
    `  OPENAI_BASE_URL=${fake.url} OPENAI_API_KEY=fake npm start`,
    '',
    'Every request is answered locally; nothing leaves this machine. Ctrl-C stops it.',
    '',
  ].join('\n'),
);

const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
