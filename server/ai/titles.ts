// Names a thread after its first reply: one short non-streaming call with the same model
// and key. A failure leaves the default title; a title a person set is never replaced.
// Titles are plain text: whatever markdown the model wrote is read as markdown and only its
// text kept (the parser react-markdown renders replies with, so `snake_case` stays as it is).
import type OpenAI from 'openai';
import type { Usage } from '../../shared/docs/thread-doc';

const MAX_TITLE_CHARS = 80;
const QUESTION_CHARS = 2000;
const ANSWER_CHARS = 1000;

const INSTRUCTION =
  "Name this conversation. Answer with the title only: two to six words, in the conversation's language, " +
  'no quotes, no full stop.';

/** One line of markdown as the text it shows: no emphasis, code marks, links, headings, list markers or images. */
async function plainText(line: string): Promise<string> {
  // Loaded on the first title, not at boot: the parser is not needed to start the server.
  const [{ fromMarkdown }, { toString: textOf }] = await Promise.all([
    import('mdast-util-from-markdown'),
    import('mdast-util-to-string'),
  ]);
  return textOf(fromMarkdown(line), { includeImageAlt: false, includeHtml: false });
}

/** The model's answer made into a title, or null when nothing usable is left. */
export async function cleanTitle(raw: string): Promise<string | null> {
  const line =
    raw
      .replace(/<think>[\s\S]*?<\/think>/gi, '')
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? '';
  let title = (await plainText(line))
    .replace(/^(title|titel|titre)\s*:\s*/i, '')
    .replace(/^[#*_"'`“”‘’«»\s]+|[*_"'`“”‘’«»\s]+$/g, '')
    .replace(/[.。!]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (title.length > MAX_TITLE_CHARS) {
    const cut = title.slice(0, MAX_TITLE_CHARS);
    const space = cut.lastIndexOf(' ');
    title = `${space > 20 ? cut.slice(0, space) : cut}…`;
  }
  return title || null;
}

export interface TitleResult {
  title: string | null;
  usage: Usage | null;
}

/** Asks the model for a title for the exchange; throws what the SDK throws. */
export async function suggestTitle(
  client: OpenAI,
  model: string,
  exchange: { question: string; answer: string },
  signal: AbortSignal,
): Promise<TitleResult> {
  const completion = await client.chat.completions.create(
    {
      model,
      messages: [
        { role: 'system', content: INSTRUCTION },
        {
          role: 'user',
          content: `First message:\n${exchange.question.slice(0, QUESTION_CHARS)}\n\nReply:\n${exchange.answer.slice(0, ANSWER_CHARS)}`,
        },
      ],
    },
    { signal },
  );
  const usage = completion.usage
    ? { inputTokens: completion.usage.prompt_tokens, outputTokens: completion.usage.completion_tokens }
    : null;
  return { title: await cleanTitle(completion.choices[0]?.message?.content ?? ''), usage };
}
