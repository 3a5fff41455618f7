import { describe, expect, it } from 'vitest';
import { MAX_SKIP_REASON_CHARS, OTHER_REASON, SKIP_REASONS, skipReasonText } from './skip_reasons';

describe('skipReasonText', () => {
  it('sends a listed reason as it reads', () => {
    expect(skipReasonText(SKIP_REASONS[0], 'ignored')).toBe('Unclear or ambiguous');
  });

  it('sends the typed words for Other, trimmed', () => {
    expect(skipReasonText(OTHER_REASON, '  the audio is silent ')).toBe('the audio is silent');
    expect(skipReasonText(OTHER_REASON, '   ')).toBe('');
  });

  it('cuts at the server limit by characters, not UTF-16 units', () => {
    const long = '😀'.repeat(MAX_SKIP_REASON_CHARS + 10);
    const sent = skipReasonText(OTHER_REASON, long);
    expect([...sent].length).toBe(MAX_SKIP_REASON_CHARS);
  });
});
