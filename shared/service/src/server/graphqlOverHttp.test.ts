import { APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, responseMediaType } from './graphqlOverHttp';

describe('the response media type', () => {
  it('is what the Accept header prefers, the same when asked again, and null when it accepts neither', () => {
    for (let round = 0; round < 2; round++) {
      expect(responseMediaType(undefined)).toBe(APPLICATION_JSON);
      expect(responseMediaType('application/graphql-response+json, application/json;q=0.9')).toBe(GRAPHQL_RESPONSE_JSON);
      expect(responseMediaType('application/json;q=0.5, application/graphql-response+json;q=0.4')).toBe(APPLICATION_JSON);
      expect(responseMediaType('application/json; charset=utf-8')).toBe(APPLICATION_JSON);
      expect(responseMediaType('text/html')).toBeNull();
    }
  });

  it('negotiates every header alike once those it remembers are many, however long', () => {
    for (let i = 0; i < 200; i++) {
      expect(responseMediaType(`text/x-${i};q=0.${i % 9 + 1}, application/graphql-response+json`)).toBe(GRAPHQL_RESPONSE_JSON);
      expect(responseMediaType(`text/x-${i}`)).toBeNull();
    }
    expect(responseMediaType(`${'x-long/type, '.repeat(100)}application/json`)).toBe(APPLICATION_JSON);
    expect(responseMediaType('application/graphql-response+json, application/json;q=0.9')).toBe(GRAPHQL_RESPONSE_JSON);
  });
});
