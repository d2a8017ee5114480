/** Resolves a reference against a base URL; undefined when it is not a valid http(s) URL. */
export function resolveUrl(ref: string, base: string): string | undefined {
  try {
    const u = new URL(ref.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The host name of a URL (lower-case, no brackets), or undefined. */
export function urlHost(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}
