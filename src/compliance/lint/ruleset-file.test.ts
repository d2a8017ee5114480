import { describe, expect, it } from 'vitest';
import { RampartError } from '../../core/index.js';
import { parseRulesetFile } from './ruleset-file.js';

const KNOWN = new Set(['guessable-object-id', 'operation-description', 'owasp:api4:2023-string-limit']);

function errorOf(text: string): RampartError {
  try {
    parseRulesetFile(text, 'rules.yaml', KNOWN);
  } catch (e) {
    if (e instanceof RampartError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('parseRulesetFile', () => {
  it('reads settings, the baseline switch and custom rules', () => {
    const rs = parseRulesetFile(
      [
        'baseline: none',
        'rules:',
        '  operation-description: off',
        '  guessable-object-id: {severity: error}',
        '  owasp:api4:2023-string-limit: false',
        '  x-contact:',
        '    description: contact is declared',
        '    given: $.info',
        '    owasp: API9:2023',
        '    then: {field: contact, function: truthy}',
      ].join('\n'),
      'rules.yaml',
      KNOWN,
    );
    expect(rs.baseline).toBe(false);
    expect([...rs.settings]).toEqual([
      ['operation-description', 'off'],
      ['guessable-object-id', 'error'],
      ['owasp:api4:2023-string-limit', 'off'],
    ]);
    expect(rs.rules).toHaveLength(1);
    expect(rs.rules[0]).toMatchObject({ id: 'x-contact', severity: 'warn', owasp: 'API9:2023', cwe: null, given: ['$.info'], resolved: true, then: [{ field: 'contact', function: 'truthy' }] });
    expect(Object.isFrozen(rs)).toBe(true);
  });

  it('accepts JSON', () => {
    const rs = parseRulesetFile('{"rules": {"operation-description": "info"}}', 'r.json', KNOWN);
    expect(rs.settings.get('operation-description')).toBe('info');
    expect(rs.baseline).toBe(true);
  });

  it('points at the bad key with file:line', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['rules:\n  nope-rule: off\n', 'rules.yaml:2', /rules\.nope-rule: unknown rule "nope-rule"/],
      ['rules:\n  guessable-object-id: loud\n', 'rules.yaml:2', /must be one of off, error, warn, info/],
      ['rules:\n  x:\n    description: d\n    given: $.info\n    then:\n      function: shout\n', 'rules.yaml:6', /rules\.x\.then\.function: must be one of "truthy"/],
      ['rules:\n  x:\n    description: d\n    given: info\n    then: {function: truthy}\n', 'rules.yaml:4', /rules\.x\.given/],
      ['rules:\n  x:\n    description: d\n    given: $.info\n    colour: red\n    then: {function: truthy}\n', 'rules.yaml:5', /unknown key "colour"/],
      ['rules:\n  x:\n    description: d\n    given: $.info\n    then:\n      function: pattern\n      functionOptions:\n        match: 1\n', 'rules.yaml:8', /rules\.x\.then\.functionOptions\.match: "pattern" function and its "match" option must be string/],
      ['rules:\n  x:\n    description: d\n    given: $.info\n    cwe: 639\n    then: {function: truthy}\n', 'rules.yaml:5', /rules\.x\.cwe/],
      ['extends: spectral:oas\n', 'rules.yaml:1', /unknown key "extends"/],
      ['rules:\n  guessable-object-id: {severity: error, given: $.x}\n', 'rules.yaml:2', /can only be switched off or given a severity/],
    ];
    for (const [text, location, message] of cases) {
      const e = errorOf(text);
      expect(e.code).toBe('E_LINT_RULESET');
      expect(e.location, text).toBe(location);
      expect(e.message, text).toMatch(message);
    }
  });

  it('reports YAML syntax errors with their line', () => {
    const e = errorOf('rules:\n  a: [\n');
    expect(e.code).toBe('E_LINT_RULESET');
    expect(e.location).toMatch(/^rules\.yaml:\d+$/);
    expect(e.message).toMatch(/not valid YAML/);
  });

  it('refuses duplicate keys and non-object documents', () => {
    expect(errorOf('rules:\n  a: off\n  a: off\n').message).toMatch(/not valid YAML/);
    expect(errorOf('- a\n').message).toMatch(/a ruleset is an object/);
  });
});
