// Turns any failure from an API call into one sentence a person can act on.
import { ApiError, NetworkError } from './api-error';

export const OFFLINE_MESSAGE = "You're offline. Check your connection and try again.";

function waitPhrase(seconds: number): string {
  if (seconds < 60) return seconds <= 1 ? 'a moment' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export function errorMessage(error: unknown): string {
  if (error instanceof NetworkError) return OFFLINE_MESSAGE;
  if (error instanceof ApiError) {
    if (error.status === 429) {
      return error.retryAfter === null
        ? 'Too many attempts. Try again later.'
        : `Too many attempts. Try again in ${waitPhrase(error.retryAfter)}.`;
    }
    return error.message;
  }
  return 'Something went wrong. Please try again.';
}
