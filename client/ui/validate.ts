// Runs a shared zod validator before sending, so the form shows the same messages the
// server would, without a round trip.
import type { z } from 'zod';
import { InvalidInput } from './use-submit';

export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? 'form');
    fields[name] ??= issue.message;
  }
  throw new InvalidInput(fields);
}
