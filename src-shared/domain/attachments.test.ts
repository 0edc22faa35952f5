import { describe, expect, it } from 'vitest';
import { attachmentFileName, sniffAttachmentType } from './attachments';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('what a file is, by its first bytes', () => {
  it.each([
    ['application/pdf', bytes('%PDF-1.7\n')],
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe1])],
    ['image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])],
    ['image/tiff', bytes([0x49, 0x49, 0x2a, 0x00, 8])],
    ['image/tiff', bytes([0x4d, 0x4d, 0x00, 0x2a, 8])],
    ['image/webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')],
    ['image/heic', bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0])],
  ])('%s', (type, content) => expect(sniffAttachmentType(content)).toBe(type));

  it.each([
    ['a Windows program', bytes('MZ', [0x90, 0])],
    ['a ZIP (a Word file too)', bytes('PK', [3, 4])],
    ['an HTML page', bytes('<!DOCTYPE html>')],
    ['a RIFF that is a WAV', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt ')],
    ['an MP4 video', bytes([0, 0, 0, 24], 'ftypisom')],
    ['a truncated PNG signature', bytes([0x89, 0x50, 0x4e])],
    ['nothing', bytes()],
  ])('refuses %s', (_what, content) => expect(sniffAttachmentType(content)).toBeNull());
});

describe('the name a file is kept under', () => {
  it.each([
    ['来信.pdf', 'application/pdf', '来信.pdf'],
    ['C:\\Users\\he\\scan.EXE', 'application/pdf', 'scan.pdf'],
    ['../../etc/passwd', 'image/png', 'passwd.png'],
    ['photo', 'image/jpeg', 'photo.jpg'],
    ['a\u0000b<>:"|?*.jpeg', 'image/jpeg', 'ab.jpg'],
    ['.pdf', 'application/pdf', 'attachment.pdf'],
    ['x'.repeat(300) + '.pdf', 'application/pdf', 'x'.repeat(100) + '.pdf'],
  ] as const)('%s as %s → %s', (given, type, kept) => expect(attachmentFileName(given, type)).toBe(kept));
});
