import { MAX_MESSAGE_CHARS, boundedMessage, maskError, withoutSuggestions } from './maskError';

describe('error messages a caller gets back', () => {
  const huge = 'Did you mean '.repeat(80_000);

  it('cuts a message that echoes a caller\'s value to a short prefix, saying how much is left out', () => {
    const shown = boundedMessage(`Variable "$kinds" got invalid value "${huge}"`);
    expect(shown.length).toBeLessThan(MAX_MESSAGE_CHARS + 60);
    expect(shown).toMatch(/^Variable "\$kinds" got invalid value "Did you mean /);
    expect(shown).toMatch(/… \(\d+ more characters not shown\)$/);
    expect(boundedMessage('short')).toBe('short');
  });

  it('strips suggestions from a bounded message only, so a megabyte of "Did you mean " costs no more than a kilobyte', () => {
    const stripped = withoutSuggestions(huge);
    expect(stripped.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS + 60);
    expect(withoutSuggestions('Unknown field "x". Did you mean "y"?')).toBe('Unknown field "x".');
  });

  it('still names the field of a huge invalid variable, read from the message\'s ends', () => {
    const masked = maskError({
      message: `Variable "$input" got invalid value ${JSON.stringify({ partners: [huge] })} at "input.partners[0]"; Value "x" does not exist in "Province" enum.`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(masked.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.partners.0' });
    expect(masked.message.length).toBeLessThan(MAX_MESSAGE_CHARS + 60);
    expect(maskError({ message: 'Variable "$code" of required type "ID!" was not provided.', extensions: { code: 'BAD_USER_INPUT' } }).extensions)
      .toEqual({ code: 'BAD_USER_INPUT', field: 'code' });
  });
});
