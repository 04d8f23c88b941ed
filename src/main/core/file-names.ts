/**
 * Names for the files PhysioPlan writes (handouts, exports). Most file
 * systems allow 255 bytes a name, and a temp folder or an archive path adds
 * its own, so a long patient name or title is cut well short of that, at a
 * whole character (a grapheme: "é" or an emoji flag stays whole).
 */

/** Characters no file system takes (or that end a path), and controls. */
// eslint-disable-next-line no-control-regex
const unsafe = /[\\/:*?"<>|\u0000-\u001F\u007F]+/g

/** `text` made safe as part of a file name, at most `maxBytes` bytes in UTF-8. */
export function namePart(text: string, maxBytes: number): string {
  const clean = text.replace(unsafe, ' ').replace(/\s+/g, ' ').trim()
  let cut = ''
  let bytes = 0
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(clean)) {
    const size = Buffer.byteLength(segment)
    if (bytes + size > maxBytes) break
    cut += segment
    bytes += size
  }
  // Windows drops trailing dots and spaces, which would change the name
  return cut.replace(/[. ]+$/, '')
}
