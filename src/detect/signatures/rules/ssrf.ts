/** Server-side request forgery: URLs to internal addresses in any notation, cloud metadata endpoints, and dangerous URL schemes. */
import { classifyUrlHost } from '../tokenizers/url-host.js';
import type { ValueRule } from '../types.js';
import { DL, FIELDS } from './common.js';

export const SSRF_RULES: readonly ValueRule[] = [
  {
    id: 'ssrf-internal-address',
    class: 'ssrf',
    severity: 'critical',
    paranoia: 1,
    description: 'a URL (or scheme-less host) pointing at loopback, private, link-local or unspecified addresses — decimal, octal, hex, short and IPv6-mapped notations included — or at local names (localhost, *.internal, kubernetes.default)',
    targets: FIELDS,
    transforms: DL,
    anyChar: ':/.',
    detect: (v) => {
      const r = classifyUrlHost(v);
      return r && (r.kind === 'internal' || r.kind === 'local-name' || r.kind === 'metadata') ? { evidence: r.evidence, detail: r.kind } : null;
    },
    vectors: {
      fire: ['http://127.0.0.1/', 'http://2130706433/', 'http://0x7f000001/', 'http://0177.0.0.1/', 'http://127.1/', 'http://[::1]/', 'http://[::ffff:a9fe:a9fe]', 'http://169.254.169.254/latest/meta-data/', 'localhost/', 'http://host.docker.internal/', 'http://0xA9.0xFE.0xA9.0xFE/', 'gopher://①②⑦.⓪.⓪.①:25/'],
      noFire: ['http://example.com/', 'https://8.8.8.8/', '127.0.0.1 is localhost', '2852039166', 'version 10.0.0.1'],
    },
  },
  {
    id: 'ssrf-ip-literal-url',
    class: 'ssrf',
    severity: 'critical',
    paranoia: 2,
    description: 'a URL whose host is any IP literal in an unusual notation (decimal, octal, hex, IPv6)',
    targets: FIELDS,
    transforms: DL,
    anyChar: ':',
    detect: (v) => {
      const r = classifyUrlHost(v);
      return r && r.kind !== 'name' && (r.unusual || r.ipv6) ? { evidence: r.evidence, detail: r.kind } : null;
    },
    vectors: { fire: ['http://2852039166/', 'http://[dead:beef::1]/', 'http://0251.0376.0251.0376/'], noFire: ['http://93.184.216.34/', 'http://example.com'] },
  },
  {
    id: 'ssrf-metadata-endpoint',
    class: 'ssrf',
    severity: 'critical',
    paranoia: 1,
    description: 'cloud metadata endpoints and paths (AWS, GCP, Azure, Alibaba, Oracle, DigitalOcean)',
    targets: FIELDS,
    transforms: DL,
    anyChar: '.:/',
    pattern: /169\.254\.169\.254|169\.254\.170\.2\b|\bmetadata\.google\.internal\b|\bmetadata\.azure\.com\b|100\.100\.100\.200|\[?fd00:ec2::254\]?|\/latest\/(?:meta-data|user-data|api\/token|dynamic\/instance-identity)|\/computemetadata\/v1|\/metadata\/(?:instance|identity)\b|\/opc\/v[12]\/|\/metadata\/v1\/|\binstance-data\b/,
    vectors: { fire: ['http://169.254.169.254/latest/meta-data/', 'metadata.google.internal/computeMetadata/v1/', 'http://100.100.100.200/latest/meta-data'], noFire: ['169.254.1.1', 'my metadata'] },
  },
  {
    id: 'ssrf-dangerous-scheme',
    class: 'ssrf',
    severity: 'critical',
    paranoia: 1,
    description: 'URL schemes that talk raw protocols or read local resources (gopher:, dict:, ldap:, tftp:, jar:, netdoc:, file:)',
    targets: FIELDS,
    transforms: DL,
    anyChar: ':',
    pattern: /(?:^|[\s"'=(<])(?:gopher|dict|ldaps?|tftp|jar|netdoc|sftp|telnet|smb|rmi|iiop|corba)s?:\/{0,2}[\w%[{.-]|(?:^|[\s"'=(<])file:\/\/|(?:^|[\s"'=(<])jar:(?:https?|file):/,
    vectors: { fire: ['gopher://127.0.0.1:6379/_INFO', 'dict://localhost:11211/stat', 'file:///etc/passwd', 'jar:http://x/y.jar!/'], noFire: ['the gopher ate', 'file name'] },
  },
];
