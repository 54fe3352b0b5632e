// Error answers shaped like OpenAI's, so the SDK raises the same classes it would in production.

export type FakeError = 401 | 404 | 429 | 500 | 503 | 'context_length' | 'quota' | { status: number; body: unknown };

export function errorAnswer(
  error: FakeError,
  apiKey: string,
  model: string,
): { status: number; body: unknown; headers?: Record<string, string> } {
  const body = (message: string, type: string, code: string | null, param: string | null = null) => ({
    error: { message, type, param, code },
  });
  if (typeof error === 'object') return error;
  switch (error) {
    case 401:
      // OpenAI's own 401 echoes the key (masked); this one echoes it whole, so a test
      // proves Hearth never passes the provider's words through to a person or a log.
      return {
        status: 401,
        body: body(
          `Incorrect API key provided: ${apiKey}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          'invalid_api_key',
        ),
      };
    case 404:
      return {
        status: 404,
        body: body(
          `The model \`${model}\` does not exist or you do not have access to it.`,
          'invalid_request_error',
          'model_not_found',
        ),
      };
    case 429:
      return {
        status: 429,
        headers: { 'retry-after': '1' },
        body: body(
          `Rate limit reached for ${model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`,
          'requests',
          'rate_limit_exceeded',
        ),
      };
    case 'quota':
      return {
        status: 429,
        body: body(
          'You exceeded your current quota, please check your plan and billing details.',
          'insufficient_quota',
          'insufficient_quota',
        ),
      };
    case 500:
    case 503:
      return {
        status: error,
        body: body('The server had an error while processing your request. Sorry about that!', 'server_error', null),
      };
    case 'context_length':
      return {
        status: 400,
        body: body(
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 130412 tokens. Please reduce the length of the messages.",
          'invalid_request_error',
          'context_length_exceeded',
          'messages',
        ),
      };
    default: {
      const never: never = error;
      throw new Error(`unknown fake error ${JSON.stringify(never)}`);
    }
  }
}
