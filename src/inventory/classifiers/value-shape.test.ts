import { describe, expect, it } from 'vitest';
import { isPlaceholder, shannonEntropy, splitAuthScheme } from './value-shape.js';

describe('isPlaceholder', () => {
  it.each(['', '   ', 'null', 'NULL', 'undefined', 'true', 'false', 'n/a', '********', 'xxxxxxxx', '••••••', '[REDACTED]', '[FILTERED]', '${API_TOKEN}', '{{token}}', '<your-token>', 'YOUR_API_KEY', 'your-api-key', 'ab***yz'])('%j is a placeholder', (v) => {
    expect(isPlaceholder(v)).toBe(true);
  });
  it.each(['hunter2', 'a3f9c2e81b7d4056', 'changeme', 'password', 'Summer2024!', '$2b$12$abc'])('%j is not a placeholder', (v) => {
    expect(isPlaceholder(v)).toBe(false);
  });
});

describe('shannonEntropy', () => {
  it('is 0 for one repeated character and log2(n) for n distinct ones', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('ab')).toBeCloseTo(1, 10);
    expect(shannonEntropy('abcdefgh')).toBeCloseTo(3, 10);
    expect(shannonEntropy('0123456789abcdef')).toBeCloseTo(4, 10);
  });
  it('counts non-ASCII characters in one bucket and leaves no state behind', () => {
    expect(shannonEntropy('éé')).toBe(0);
    expect(shannonEntropy('aé')).toBeCloseTo(1, 10);
    expect(shannonEntropy('abcdefgh')).toBeCloseTo(3, 10);
  });
});

describe('splitAuthScheme', () => {
  it('splits known schemes only', () => {
    expect(splitAuthScheme('Bearer abc')).toEqual({ scheme: 'Bearer', credential: 'abc' });
    expect(splitAuthScheme('basic   dXNlcjpwYXNz')).toEqual({ scheme: 'basic', credential: 'dXNlcjpwYXNz' });
    expect(splitAuthScheme('token ghp_x')).toEqual({ scheme: 'token', credential: 'ghp_x' });
    expect(splitAuthScheme('Hello world')).toEqual({ scheme: '', credential: 'Hello world' });
    expect(splitAuthScheme('abc')).toEqual({ scheme: '', credential: 'abc' });
  });
});
