// The admin API's response shapes come from the backend's own schemas (one source for both sides).
export * from '#domain/api-responses';
