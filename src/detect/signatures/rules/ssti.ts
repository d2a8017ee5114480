/** Server-side template injection: template expressions that compute, reach object internals, or call code (Jinja2, Twig, Freemarker, Velocity, ERB, Thymeleaf, Smarty, EL). */
import type { ValueRule } from '../types.js';
import { DCLW, FIELDS, INPUTS } from './common.js';

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
    pattern: /(?:\{\{|\$\{|#\{|\*\{|@\{|~\{)[^}]{0,60}?(?:\d ?[*+/%^-] ?\d|\.__|__[a-z]{3,12}__|\[ ?['"]__|\| ?(?:attr|safe|e|join|map|select|format|string)\b|\b(?:config|self|request|lipsum|cycler|joiner|namespace|url_for|get_flashed_messages|runtime|getclass|forname|getruntime|exec|system|popen|eval|import|require|process|t ?\( ?java)\b|\( ?\))|\{%-? ?(?:if|for|set|import|include|extends|macro|debug|raw|block|load|with|call|print|filter)\b[^%]{0,60}%\}|<%[=#-]? ?(?:if|for|system|exec|eval|require|import|%|\d|[\w.]{1,40} ?\(|=)|<#(?:assign|include|import|list|if)\b|#set ?\( ?\$|\$\{ ?["']freemarker|\?new ?\( ?\)|__\$\{|\{php\}|\{\$smarty/,
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
    pattern: /\{%-? ?[a-z]{2,12}\b[^%]{0,60}%\}|<%[=-]? ?[a-z]{2,12}\b[^%]{0,60}%>|\{\{[^}]{0,60}[()|[\]+*][^}]{0,60}\}\}/,
    vectors: { fire: ['{% if x %}', '<% if x %>', '{{ a|b }}'], noFire: ['{{name}}', '100%'] },
  },
];
