/**
 * Shrinks a picked image in the page before it is sent: a 12-megapixel phone
 * photo becomes a print-sharp picture of a few hundred kilobytes.
 * Throws when the file is not an image the browser can decode.
 */
export async function downscaleImage(
  file: Blob,
  maxWidth: number,
  maxHeight: number,
  mime: 'image/png' | 'image/jpeg'
): Promise<string> {
  const bitmap = await createImageBitmap(file)
  const scale = Math.min(1, maxWidth / bitmap.width, maxHeight / bitmap.height)
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2d canvas')
  if (mime === 'image/jpeg') {
    // JPEG has no transparency: put transparent PNGs on white, not black
    context.fillStyle = '#fff'
    context.fillRect(0, 0, canvas.width, canvas.height)
  }
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  return canvas.toDataURL(mime, 0.85)
}

export const acceptedImageTypes = ['image/png', 'image/jpeg']
