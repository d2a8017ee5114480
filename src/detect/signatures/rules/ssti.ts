/** Server-side template injection: template expressions that compute, reach object internals, or call code (Jinja2, Twig, Freemarker, Velocity, ERB, Thymeleaf, Smarty, EL). */
import type { ValueRule } from '../types.js';
import { DCLW, FIELDS, INPUTS } from './common.js';

/** Most template openers examined per value, and the longest expression body read after one. */
export const MAX_EXPRESSIONS = 256;
export const MAX_BODY = 80;

const EXPRESSION_OPENERS = ['{{', '${', '#{', '*{', '@{', '~{'];
/** What makes an expression body computing or reaching internals (tested on the body only, so linear overall). */
const EXPRESSION_BODY = /\d ?[*+/%^-] ?\d|\.__|__[a-z]{3,12}__|\[ ?['"]__|\| ?(?:attr|safe|e|join|map|select|format|string)\b|\b(?:config|self|request|lipsum|cycler|joiner|namespace|url_for|get_flashed_messages|runtime|getclass|forname|getruntime|exec|system|popen|eval|import|require|process|t ?\( ?java)\b|\( ?\)/;
const TEMPLATE_STATEMENT = /^-? ?(?:if|for|set|import|include|extends|macro|debug|raw|block|load|with|call|print|filter)\b/;
/** Template statements of the engines that have them (one pass each, no nested scanning). */
const STATEMENT_SYNTAX = /<%[=#-]? ?(?:if|for|system|exec|eval|require|import|%|\d|[\w.]{1,40} ?\(|=)|<#(?:assign|include|import|list|if)\b|#set ?\( ?\$|\$\{ ?["']freemarker|\?new ?\( ?\)|__\$\{|\{php\}|\{\$smarty/;

/**
 * Finds template openers with indexOf and tests the body after each (up to the closing `}` or `%`, at most
 * MAX_BODY characters) against `body`: linear in the value, whatever the number of openers.
 */
export function scanExpressions(v: string, openers: readonly string[], body: RegExp, close?: string): { evidence: string } | null {
  let seen = 0;
  for (const open of openers) {
    let at = v.indexOf(open);
    while (at !== -1 && seen < MAX_EXPRESSIONS) {
      seen++;
      const from = at + open.length;
      let end = from;
      while (end < v.length && end - from < MAX_BODY && v[end] !== '}' && v[end] !== '%') end++;
      const text = v.slice(from, end);
      if (body.test(text) && (close === undefined || v.startsWith(close, end))) return { evidence: v.slice(at, Math.min(v.length, end + 2)) };
      at = v.indexOf(open, at + open.length);
    }
  }
  return null;
}

export const SSTI_RULES: readonly ValueRule[] = [
  {
    id: 'ssti-expression',
    class: 'ssti',
    severity: 'critical',
    paranoia: 1,
    description: 'template expressions with arithmetic, dunder attributes, filters or calls ({{7*7}}, ${7*7}, #{7*7}, {{\'\'.__class__}}, <%= … %>, {% … %})',
    targets: INPUTS,
    transforms: DCLW,
    anyChar: '{%<#?_',
    detect: (v) => {
      const m = STATEMENT_SYNTAX.exec(v);
      return scanExpressions(v, EXPRESSION_OPENERS, EXPRESSION_BODY) ?? scanExpressions(v, ['{%'], TEMPLATE_STATEMENT, '%}') ?? (m ? { evidence: m[0] } : null);
    },
    vectors: {
      fire: ['{{7*7}}', "{{''.__class__.__mro__}}", "#{runtime.exec('id')}", "<% system('id') %>", '#{7*7}', '${7*7}', '{% if True %}49{% endif %}', '<%= 7*7 %>', '{{config.items()}}', '<#assign ex="freemarker.template.utility.Execute"?new()>'],
      noFire: ['{{username}}', '#{name}', '${HOME}', '{% raw text', '50% off'],
    },
  },
  {
    id: 'ssti-template-syntax',
    class: 'ssti',
    severity: 'critical',
    paranoia: 2,
    description: 'template control syntax of any kind ({% … %}, <% … %>, {{ … }} containing operators)',
    targets: FIELDS,
    transforms: DCLW,
    anyChar: '{%',
    detect: (v) => scanExpressions(v, ['{{'], /[()|[\]+*]/, '}}') ?? scanExpressions(v, ['{%'], /^-? ?[a-z]{2,12}\b/, '%}') ?? scanExpressions(v, ['<%'], /^[=-]? ?[a-z]{2,12}\b/, '%>'),
    vectors: { fire: ['{% if x %}', '<% if x %>', '{{ a|b }}'], noFire: ['{{name}}', '100%'] },
  },
];
