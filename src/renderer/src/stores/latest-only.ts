/**
 * For calls made on every keystroke: resolves to the answer only if no newer
 * call was started meanwhile, else to undefined, so a slow old answer never
 * replaces a newer one.
 */
export function latestOnly(): <T>(pending: Promise<T>) => Promise<T | undefined> {
  let latest = 0
  return async (pending) => {
    const ticket = ++latest
    const answer = await pending
    return ticket === latest ? answer : undefined
  }
}
