// What Settings → Search shows: the person's choice, the models they may pick, how far
// embedding has come with the chosen model, what the rest will cost, and why it stopped.
import {
  DEFAULT_CUSTOM_EMBEDDING_MODEL,
  DEFAULT_EMBEDDING_MODEL,
  embeddingCost,
  embeddingModel,
  estimateTokens,
} from '../../shared/ai/embedding-models';
import type { SearchStatusResponse } from '../../shared/api/search';
import { spaceKeyOf } from './embedding-target';
import type { ServerSearch } from './server-search';

export function searchStatus(search: ServerSearch, userId: string): SearchStatusResponse {
  const settings = search.settings.get(userId);
  const info = embeddingModel(settings.model) ?? embeddingModel(DEFAULT_EMBEDDING_MODEL)!;
  const resolved = search.targets.resolve(userId, info.id);
  const spaceKey = resolved.ok ? resolved.value.spaceKey : spaceKeyOf(info, null);
  const progress = search.file.rows.progress(userId, spaceKey);
  const tokens = estimateTokens(progress.pendingChars);
  const customModel = info.provider === 'custom' ? info.model : DEFAULT_CUSTOM_EMBEDDING_MODEL;
  const failure = search.embedder.failureOf(userId) ?? (resolved.ok ? null : resolved.reason);
  return {
    enabled: true,
    textMessages: search.file.index.countMessages(userId),
    meaning: {
      on: settings.meaning,
      model: info.id,
      models: search.targets.choices(userId, customModel),
      indexed: progress.indexed,
      total: progress.total,
      estimate: { tokens, usd: embeddingCost(info, tokens) },
      error: settings.meaning ? failure : null,
    },
  };
}
