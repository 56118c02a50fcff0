import { describe, expect, it } from 'vitest';
import { findQuote } from '@/utils/quote';

describe('finding a quote in an article', () => {
  it.each([
    ['exactly as written', '甲乙丙。周畅加入字节。丁', '周畅加入字节', '周畅加入字节'],
    ['across a line break', '周畅\n加入字节', '周畅 加入字节', '周畅\n加入字节'],
    ['across runs of full-width and no-break spaces', 'A\u3000\u00a0 B', 'A B', 'A\u3000\u00a0 B'],
    ['with spaces around the quote ignored', 'xx 周畅 yy', '  周畅  ', '周畅'],
    ['at the very start', '周畅说', '周畅', '周畅'],
  ])('%s', (_, text, quote, expected) => {
    const found = findQuote(text, quote);
    expect(found && text.slice(found.start, found.end)).toBe(expected);
  });

  it.each([
    ['a quote that is not there', '周畅加入字节', '周畅离开字节'],
    ['an empty quote', '周畅', '   '],
    ['a quote in another script (the build compares it as written)', '周暢', '周畅'],
  ])('finds nothing for %s', (_, text, quote) => {
    expect(findQuote(text, quote)).toBeNull();
  });
});
