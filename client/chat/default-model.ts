// The model a new chat uses when neither the thread nor the settings name one: OpenAI's
// registry default, which the server's shared key (OPENAI_API_KEY) also serves.
import { modelId, providerInfo } from '../../shared/ai/providers';

export const FALLBACK_MODEL = modelId({
  provider: 'openai',
  model: providerInfo('openai').defaultModel ?? 'gpt-4.1-mini',
});
