/** Writing values back as YAML text, for the edits of fixes. */

/** A value as YAML text: plain when that reads back as the same string, else double-quoted. */
export function yamlScalar(value: string): string {
  const plain = /^[A-Za-z0-9][A-Za-z0-9 ._'()/&+-]*$/.test(value) && !/\s$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(value) && !/^[-+]?(\d[\d_]*)?\.?\d+([eE][-+]?\d+)?$/.test(value);
  return plain ? value : JSON.stringify(value);
}
