import { describe, expect, it } from 'vitest';
import { isVersionSegment, segmentKind, type SegmentKind } from './segment-kind.js';

describe('segmentKind', () => {
  const values: Array<[string, SegmentKind]> = [
    ['42', 'integer'],
    ['0', 'integer'],
    ['123456789012345678901234', 'integer'],
    ['550e8400-e29b-41d4-a716-446655440000', 'uuid'],
    ['550E8400-E29B-41D4-A716-446655440000', 'uuid'],
    ['d41d8cd98f00b204e9800998ecf8427e', 'hash'], // md5
    ['da39a3ee5e6b4b0d3255bfef95601890afd80709', 'hash'], // sha1
    ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hash'], // sha256
    ['507f1f77bcf86cd799439011', 'hex'], // MongoDB ObjectId
    ['a1b2c3d4', 'hex'],
    ['5f3a9c0e', 'hex'],
    ['dGhpcyBpcyBhIHRva2VuMTIz', 'token'], // base64
    ['aGVsbG8td29ybGQ_Zm9vYmFyMTIz', 'token'], // base64url
    ['zCSDTg5TSYIKClpxAAAC', 'token'],
    ['alice@example.com', 'email'],
    ['first.last+tag@sub.example.co.uk', 'email'],
    ['2024-05-01', 'date'],
    ['20240501', 'date'],
    ['2024-05-01T10:20:30Z', 'date-time'],
    ['10.0.0.1', 'ipv4'],
    ['51.5074', 'number'],
    ['-0.1278', 'number'],
    ['1.2.3', 'semver'],
    ['ORD-2024-00042', 'mixed-id'],
    ['usr_8f3k2', 'mixed-id'],
    ['ord12345', 'mixed-id'],
    ['xyz123pqr', 'mixed-id'],
    ['cve-2021-44228', 'mixed-id'],
    ['x'.repeat(60), 'token'],
  ];
  it.each(values)('%s is a %s value', (segment, kind) => {
    expect(segmentKind(segment)).toBe(kind);
  });

  const words = [
    'users', 'me', 'search', 'latest', 'v2', 'v1', 'V3', 'v1beta1', 'v2alpha', '1.0', '2.1', 'hello-world', 'blue-shirt', 'octocat',
    'application-configuration', 'socket.io', 'sha256', 'x509', 'oauth2', 'ipv4', 's3', 'k8s', 'i18n', 'b2b', '2fa', 'covid19',
    'x86_64', 'utf-8', 'Score Board', 'Challenges', 'deadbeef', 'facade', 'GetUserProfileSettings', 'html5', 'mp3', 'ec2',
    'api', 'rest', '.well-known', 'openid-configuration', 'robots.txt', 'index.html',
  ];
  it.each(words)('%s stays a literal', (segment) => {
    expect(segmentKind(segment)).toBe('literal');
  });

  it('recognises version segments', () => {
    expect(['v1', 'v2.1', 'V10', 'v1beta1', '1.0', '10.2'].map(isVersionSegment)).toEqual([true, true, true, true, true, true]);
    expect(['v', 'version', '1.2.3', '100.5', 'va1', '12'].map(isVersionSegment)).toEqual([false, false, false, false, false, false]);
  });

  it('stays fast and linear on hostile segments', () => {
    const hostile = ['a1'.repeat(50_000), '-'.repeat(100_000), `${'0'.repeat(50_000)}.`, '@'.repeat(100_000)];
    const started = performance.now();
    for (const s of hostile) segmentKind(s);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
