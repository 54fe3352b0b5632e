// The client's one way to call the server's /api routes.
export { ApiError, NetworkError } from './api-error';
export { errorMessage, OFFLINE_MESSAGE } from './error-message';
export { api, onUnauthorized, type RequestOptions } from './request';
