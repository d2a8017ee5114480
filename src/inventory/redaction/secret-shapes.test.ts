import { describe, expect, it } from 'vitest';
import { isSecretShaped } from './secret-shapes.js';

describe('isSecretShaped', () => {
  it('flags password hashes, hex digests and prefixed random keys', () => {
    expect(
      [
        '$2b$10$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0',
        '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG',
        'fc4cf124fb76aa00bb11cc22dd33ee44ff5566778899aabbccddeeff00112233',
        '5f4dcc3b5aa765d61d8327deb882cf99',
        'sk_demo_06a7d2b73a9fbe8b1c2d3e4f',
        'api_key_7Hk29xPq01LmZr8sTv3w',
      ].map(isSecretShaped),
    ).toEqual([true, true, true, true, true, true]);
  });
  it('leaves ordinary values alone', () => {
    expect(
      [
        'token_expired_error_message',
        'session_timeout_in_seconds',
        'Field Guide Volume 12',
        '550e8400-e29b-41d4-a716-446655440000',
        'deadbeef',
        'alice@example.com',
        '2026-12-04T09:00:00Z',
      ].map(isSecretShaped),
    ).toEqual([false, false, false, false, false, false, false]);
  });
});
