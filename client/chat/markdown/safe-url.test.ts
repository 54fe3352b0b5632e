import { describe, expect, it } from 'vitest';
import { safeUrl } from './safe-url';

describe('safeUrl', () => {
  it('keeps web and mail links', () => {
    expect(safeUrl('https://example.com/a?b=1#c')).toBe('https://example.com/a?b=1#c');
    expect(safeUrl('http://example.com')).toBe('http://example.com/');
    expect(safeUrl('mailto:ada@example.com')).toBe('mailto:ada@example.com');
  });

  it('drops scripts, data, files and anything relative', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'file:///etc/passwd',
      '/settings',
      '//evil.example/x',
      '#top',
      '',
    ]) {
      expect(safeUrl(url), url).toBeUndefined();
    }
  });
});
