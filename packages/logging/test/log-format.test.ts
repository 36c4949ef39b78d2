import { chooseLogFormat } from '../src/log-format';

describe('chooseLogFormat', () => {
  test('a terminal in development gets pretty lines', () => {
    expect(chooseLogFormat({}, true)).toBe('pretty');
    expect(chooseLogFormat({ NODE_ENV: 'development' }, true)).toBe('pretty');
  });

  test('production and test write JSON even on a terminal', () => {
    expect(chooseLogFormat({ NODE_ENV: 'production' }, true)).toBe('json');
    expect(chooseLogFormat({ NODE_ENV: 'test' }, true)).toBe('json');
  });

  test('output that is not a terminal (a pipe, a file, a container log) is JSON', () => {
    expect(chooseLogFormat({}, false)).toBe('json');
    expect(chooseLogFormat({ NODE_ENV: 'development' }, false)).toBe('json');
  });

  test('LOG_FORMAT overrides the terminal and NODE_ENV either way', () => {
    expect(chooseLogFormat({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, false)).toBe('pretty');
    expect(chooseLogFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
  });

  test('an unknown LOG_FORMAT is an error that names the variable', () => {
    expect(() => chooseLogFormat({ LOG_FORMAT: 'text' }, true)).toThrow(/LOG_FORMAT must be one of json, pretty, not "text"/);
  });
});
