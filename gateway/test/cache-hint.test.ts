import { cacheHintOf } from '../src/fetch/cache-hint';

// What @apollo/gateway's RemoteGraphQLDataSource made of a subgraph's Cache-Control header, which
// SubgraphRequest now reads itself: the overall cache policy of a response must not change.
describe('cacheHintOf', () => {
  it('gives max-age 0 when the subgraph sends no header', () => {
    expect(cacheHintOf(null)).toEqual({ maxAge: 0 });
    expect(cacheHintOf('')).toEqual({ maxAge: 0 });
  });

  it('reads max-age and the scope', () => {
    expect(cacheHintOf('max-age=60, public')).toEqual({ maxAge: 60, scope: 'PUBLIC' });
    expect(cacheHintOf(' private ,max-age = "30"')).toEqual({ maxAge: 30, scope: 'PRIVATE' });
  });

  it('ignores a max-age that is not a number, and the last of a directive wins', () => {
    expect(cacheHintOf('max-age=soon')).toEqual({ maxAge: 0 });
    expect(cacheHintOf('max-age=60, max-age=abc')).toEqual({ maxAge: 0 });
    expect(cacheHintOf('max-age=abc, max-age=5')).toEqual({ maxAge: 5 });
  });

  it('takes no scope from a scope directive with a value', () => {
    expect(cacheHintOf('max-age=10, private=x')).toEqual({ maxAge: 10 });
  });
});
