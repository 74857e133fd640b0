// The admin API's response shapes come from the route contracts' schemas (one source for both sides).
export * from '#contracts/responses';
