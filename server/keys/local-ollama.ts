// An Ollama on the server's own machine (HEARTH_OLLAMA_URL): asked for its models only on a
// personal server (closed sign-up), where whoever signs in owns the machine. On a server
// open to strangers Hearth never calls into its own network on their behalf.
import { z } from 'zod';

/** A local Ollama answers at once or is not there: the home screen must not wait on it. */
const PROBE_TIMEOUT_MS = 1500;
const MAX_MODELS = 100;

const tagsSchema = z.object({
  models: z.array(z.object({ name: z.string().trim().min(1).max(200) }).loose()).max(10_000),
});

/** The models Ollama at `origin` has pulled (`llama3.2:latest`…), or null when it does not answer as Ollama. */
export async function probeOllama(origin: string): Promise<string[] | null> {
  try {
    const response = await fetch(`${origin}/api/tags`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      redirect: 'error',
    });
    if (!response.ok) return null;
    const parsed = tagsSchema.safeParse(await response.json());
    if (!parsed.success) return null;
    return parsed.data.models.slice(0, MAX_MODELS).map((m) => m.name);
  } catch {
    return null; // refused, timed out or not JSON: there is no Ollama to offer
  }
}

/** "llama3.2:latest" reads as "llama3.2": the tag is said only when it is not the default. */
export function ollamaLabel(name: string): string {
  return name.endsWith(':latest') ? name.slice(0, -':latest'.length) : name;
}
