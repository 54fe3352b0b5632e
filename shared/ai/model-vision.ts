// Whether a model sees images, decided in one place for the server (which leaves images out
// for a model that cannot) and the composer (which warns before sending them to one).
import { findModel, isCustomProvider, type ModelRef } from './providers';

/**
 * The registry's answer, or the person's for a custom model (`customModels`: that custom
 * endpoint's list). A model nobody says anything about counts as seeing: it is sent the
 * images, and if it cannot see them the provider's own error says so, which beats silently
 * leaving them out.
 */
export function seesImages(ref: ModelRef, customModels: readonly { id: string; vision?: boolean }[] = []): boolean {
  if (!isCustomProvider(ref.provider)) return findModel(ref)?.vision ?? true;
  return customModels.find((m) => m.id === ref.model)?.vision ?? true;
}
