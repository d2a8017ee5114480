/** Remote file inclusion: parameters that carry a URL to a remote (IP-literal) host, URLs ending in `?` to cut off the rest of an include path. */
import type { ValueRule } from '../types.js';
import { DL } from './common.js';

export const RFI_RULES: readonly ValueRule[] = [
  {
    id: 'rfi-ip-url',
    class: 'rfi',
    severity: 'critical',
    paranoia: 1,
    description: 'a URL parameter pointing at an IP-literal host (http://1.2.3.4/x.php, ftp://[2001:db8::1]/)',
    targets: ['arg', 'cookie'],
    transforms: DL,
    anyChar: ':',
    pattern: /^(?:url:)?(?:https?|ftps?|file):\/\/(?:[^/@\s]{1,64}@)?(?:\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[?[0-9a-f]{1,4}:[0-9a-f:.]{2,40}\]?)(?:[:/?#]|$)/,
    vectors: { fire: ['http://66.240.183.75/crash.php', 'https://[2001:41d0:701:1100::29c8]/gecko.php', 'ftp://1.1.1.1'], noFire: ['https://example.com/a', '10.0.0.1'] },
  },
  {
    id: 'rfi-trailing-question-mark',
    class: 'rfi',
    severity: 'critical',
    paranoia: 1,
    description: 'a URL parameter ending in ? or %00 (the rest of an include path cut off)',
    targets: ['arg', 'cookie'],
    transforms: DL,
    anyChar: ':',
    detect: (v) => {
      if (!/^(?:https?|ftps?):\/\/[^\s?#]/.test(v) || /\s/.test(v)) return null;
      if (v.endsWith('\u0000')) return { evidence: v.slice(0, 80) };
      let end = v.length;
      while (end > 0 && v.charCodeAt(end - 1) === 63 /* ? */) end--;
      // only trailing question marks: nothing after them, no query before them
      return end < v.length && v.lastIndexOf('?', end - 1) === -1 && v.indexOf('#') === -1 ? { evidence: v.slice(0, 80) } : null;
    },
    vectors: { fire: ['http://evil.example/shell.txt?', 'https://x.example/a.php??'], noFire: ['http://example.com/?a=1', 'what?'] },
  },
  {
    id: 'rfi-url-parameter',
    class: 'rfi',
    severity: 'critical',
    paranoia: 2,
    description: 'any parameter whose value is an absolute URL (off-domain references), including url:file:// and credentials-in-URL tricks',
    targets: ['arg', 'cookie'],
    transforms: DL,
    anyChar: ':',
    pattern: /^(?:url:)?[a-z][a-z0-9+._-]{1,20}:\/\/[^\s]{2,}|^jar:[a-z]{2,10}:/,
    vectors: { fire: ['https://example.com.evil.com/', 'url:file://etc/services', 'http://example.com/@evil.com/', 'gopher://google.com/_SSRFTest!', 'jar:file:/path/app.jar!/x', 'local_file://something'], noFire: ['example.com', 'mailto:x@y.z'] },
  },
];
