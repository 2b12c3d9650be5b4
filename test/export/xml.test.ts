import { describe, expect, test } from 'vitest';
import { escapeXmlAttr, escapeXmlText, stripIllegalXml, xmlAttr } from '../../src/export/xml.js';

describe('XML escaping', () => {
  test('escapes markup in text and attributes', () => {
    expect(escapeXmlText('<img src=x onerror=alert(1)> & "q"')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; &amp; "q"',
    );
    expect(escapeXmlAttr(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
    expect(escapeXmlText(']]>')).toBe(']]&gt;');
  });

  test('keeps whitespace exact in attributes and CR in text', () => {
    expect(escapeXmlAttr('a\tb\nc\r\nd')).toBe('a&#9;b&#10;c&#13;&#10;d');
    expect(escapeXmlText('a\tb\nc\r\nd')).toBe('a\tb\nc&#13;\nd');
  });

  test('replaces characters XML 1.0 forbids, keeping astral characters', () => {
    expect(stripIllegalXml('a\u0000b\u0007c\u001bd\uFFFEe\uFFFF')).toBe(
      'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFD',
    );
    expect(stripIllegalXml('lone \uD800 and \uDC00')).toBe('lone \uFFFD and \uFFFD');
    expect(escapeXmlAttr('🛡️ Зеленський €')).toBe('🛡️ Зеленський €');
    expect(escapeXmlText('x\u0001<')).toBe('x\uFFFD&lt;');
  });

  test('xmlAttr renders name="value" or nothing', () => {
    expect(xmlAttr('label', 'a"b')).toBe(' label="a&quot;b"');
    expect(xmlAttr('size', 2.5)).toBe(' size="2.5"');
    expect(xmlAttr('end', undefined)).toBe('');
  });
});
