import { describe, expect, it } from 'vitest';
import { visibleControls, visibleSpan, withVisibleControls } from '@/utils/visible-controls';

describe('reordering controls in dataset text', () => {
  it('are written out, so a name cannot show backwards or move the words around it', () => {
    expect(visibleControls('周\u202E畅abc')).toBe('周⟨U+202E⟩畅abc');
    expect(visibleControls('\u2066x\u2069 \u200F\u061C')).toBe('⟨U+2066⟩x⟨U+2069⟩ ⟨U+200F⟩⟨U+061C⟩');
    expect(visibleControls('林俊旸 Lin Junyang')).toBe('林俊旸 Lin Junyang');
  });

  it('in every string of a reply, keys and other values untouched', () => {
    const reply = { entity: { name: 'a\u202Eb', tags: ['\u202Dx'], count: 3, ok: true, none: null } };
    expect(withVisibleControls(reply)).toEqual({
      entity: { name: 'a⟨U+202E⟩b', tags: ['⟨U+202D⟩x'], count: 3, ok: true, none: null },
    });
  });

  it('keep a matched span on the same characters', () => {
    const shown = visibleSpan('\u202E周畅\u202C', 1, 3);
    expect(shown.text.slice(shown.start, shown.end)).toBe('周畅');
    expect(shown.text).toBe('⟨U+202E⟩周畅⟨U+202C⟩');
  });
});
