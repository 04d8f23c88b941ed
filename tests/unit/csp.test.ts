import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  contentSecurityPolicy,
  devServerPolicy,
  metaContentSecurityPolicy
} from '../../src/main/hosting/csp'

const metaPolicy = (html: string) =>
  /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1]

describe('the Content-Security-Policy', () => {
  it('allows no inline style or script', () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval/)
    expect(contentSecurityPolicy).toMatch(/(^|; )style-src 'self'(;|$)/)
  })

  it('index.html carries the header’s policy, but frame-ancestors (which a meta tag can’t)', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8')
    expect(metaPolicy(html)).toBe(metaContentSecurityPolicy)
    expect(`${metaContentSecurityPolicy}; frame-ancestors 'none'`).toBe(contentSecurityPolicy)
  })

  it('is loosened for Vite’s dev server in styles and its socket, never in scripts', () => {
    const dev = devServerPolicy(metaContentSecurityPolicy)
    expect(dev).toMatch(/style-src 'self' 'unsafe-inline'/)
    expect(dev).toMatch(/connect-src 'self' ws:/)
    expect(dev).toMatch(/(^|; )script-src 'self'(;|$)/)
  })
})
