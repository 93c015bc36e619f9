import { forwardedHeaders } from './forwardedHeaders';

describe('headers passed on to subgraphs', () => {
  it('passes the token and the request id on, normalised, and nothing else', () => {
    expect(forwardedHeaders({ authorization: '  bearer   abc.def.ghi \t', 'x-request-id': 'req-1', cookie: 'x', host: 'h' }))
      .toEqual({ authorization: 'Bearer abc.def.ghi', 'x-request-id': 'req-1' });
  });

  it('drops values an HTTP client would refuse to send, so that the upstream call never throws on them', () => {
    expect(forwardedHeaders({ authorization: 'Bearer abc', 'x-request-id': 'ЗАПРОС-1' })).toEqual({ authorization: 'Bearer abc' });
    expect(forwardedHeaders({ authorization: `Bearer ${'a'.repeat(10_000)}`, 'x-request-id': 'r'.repeat(129) })).toEqual({});
    expect(forwardedHeaders({ authorization: 'Bearer tok\u00e9n' })).toEqual({});
    expect(forwardedHeaders({ authorization: 'Basic dXNlcjpwYXNz' })).toEqual({});
  });
});
