/** Images arrive as data: URLs; these checks run at the api boundary. */

const signatures = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff]
} as const

export type ImageMime = keyof typeof signatures

const dataUrlPattern = /^data:(image\/png|image\/jpeg);base64,([A-Za-z0-9+/]+={0,2})$/

/** The mime type when the data URL really holds a PNG or JPEG (checked by its first bytes), else null. */
export function imageMimeOf(dataUrl: string): ImageMime | null {
  const match = dataUrlPattern.exec(dataUrl)
  if (!match) return null
  const mime = match[1] as ImageMime
  const head = atob((match[2] as string).slice(0, 12))
  const expected = signatures[mime]
  return expected.every((byte, index) => head.charCodeAt(index) === byte) ? mime : null
}
