/**
 * Message templates for the demo shop's product sharing. The hardened renderer only replaces the documented
 * `{{product.name}}` placeholder. The vulnerable one behaves like a template engine fed user input: any
 * `{{ expression }}` (and `${…}`, `<%= … %>`) is evaluated — here, variable lookups and integer arithmetic, the
 * part that server-side template injection is detected by. Nothing is passed to `eval`.
 */

export interface TemplateScope {
  readonly product: { readonly name: string; readonly price: number };
}

/** Renders `message` for the share preview. */
export function renderShareMessage(message: string, scope: TemplateScope, vulnerable: boolean): string {
  if (!vulnerable) return message.split('{{product.name}}').join(scope.product.name);
  return message.replace(/\{\{([^{}]{0,100})\}\}|\$\{([^{}]{0,100})\}|<%=([^%]{0,100})%>/g, (whole, a?: string, b?: string, c?: string) => {
    const v = evaluate((a ?? b ?? c ?? '').trim(), scope);
    return v === undefined ? whole : String(v);
  });
}

function evaluate(expr: string, scope: TemplateScope): string | number | undefined {
  if (expr === 'product.name') return scope.product.name;
  if (expr === 'product.price') return scope.product.price;
  const m = /^(\d{1,9})\s*([-+*/])\s*(\d{1,9})$/.exec(expr);
  if (!m) return undefined;
  const x = Number(m[1]);
  const y = Number(m[3]);
  switch (m[2]) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    default:
      return y === 0 ? undefined : Math.floor(x / y);
  }
}
