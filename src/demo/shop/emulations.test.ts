import { describe, expect, it } from 'vitest';
import { runEmulatedShell } from './emulated-shell.js';
import { matchesQuery } from './emulated-query-operators.js';
import { renderShareMessage } from './emulated-templates.js';
import { listDocuments, readVirtualFile } from './virtual-files.js';

describe('demo shop emulations (nothing runs on the host)', () => {
  it('the pretend shell splits command lines and runs a few commands', () => {
    expect(runEmulatedShell('track-cli status ZX1').output).toBe('ZX1: in transit\n');
    expect(runEmulatedShell('track-cli status X;echo $((40127+8213))').output).toBe('X: in transit\n48340\n');
    expect(runEmulatedShell('track-cli status X|id').output).toContain('uid=1001(shop)');
    expect(runEmulatedShell('track-cli status $(echo hi)').output).toBe('hi: in transit\n');
    expect(runEmulatedShell('track-cli status X && cat /etc/passwd').output).toContain('root:x:0:0:');
    expect(runEmulatedShell('x; sleep 2').sleepMs).toBe(2000);
    expect(runEmulatedShell('x; sleep 999').sleepMs).toBe(10_000);
    expect(runEmulatedShell('rm -rf /').output).toBe('sh: 1: rm: not found\n');
  });

  it('query operators match like MongoDB only when the value is an operator object', () => {
    expect(matchesQuery('WELCOME10', 'WELCOME10')).toBe(true);
    expect(matchesQuery('WELCOME10', 'nope')).toBe(false);
    expect(matchesQuery('WELCOME10', { $ne: 'x' })).toBe(true);
    expect(matchesQuery('WELCOME10', { $eq: 'x' })).toBe(false);
    expect(matchesQuery('WELCOME10', { $gt: '' })).toBe(true);
    expect(matchesQuery('WELCOME10', { $in: [] })).toBe(false);
    expect(matchesQuery('WELCOME10', { $regex: '.*' })).toBe(true);
    expect(matchesQuery('WELCOME10', { $where: 'sleep(1)' })).toBe(false);
  });

  it('templates: the vulnerable renderer evaluates expressions, the hardened one only the documented placeholder', () => {
    const scope = { product: { name: 'Lamp', price: 9 } };
    expect(renderShareMessage('See {{product.name}} {{7*7}} ${2+3} <%= 6/3 %>', scope, true)).toBe('See Lamp 49 5 2');
    expect(renderShareMessage('See {{product.name}} {{7*7}}', scope, false)).toBe('See Lamp {{7*7}}');
    expect(renderShareMessage('{{constructor.constructor("x")()}}', scope, true)).toBe('{{constructor.constructor("x")()}}');
  });

  it('virtual files: documents and a few system files, never the host disk', () => {
    expect(listDocuments()).toEqual(['manual.txt', 'returns-policy.txt']);
    expect(readVirtualFile('manual.txt')).toContain('Widget manual');
    expect(readVirtualFile('../../../etc/passwd')).toContain('root:x:0:0');
    expect(readVirtualFile('/etc/shadow')).toBeUndefined();
  });
});
