/**
 * The public name of an agent class, as the gateway routes it (docs/protocol.md#urls): `CounterAgent` →
 * `counter-agent`, `MY_AGENT` → `my-agent`. A name that is already kebab-case is returned as is.
 *
 * An all-upper-case name is lower-cased; otherwise each upper-case letter becomes `-` and its
 * lower case. Then `_` becomes `-`, and leading and trailing `-` are dropped.
 */
export function kebabCase(name: string): string {
  const allUpper = name === name.toUpperCase() && name !== name.toLowerCase();
  const dashed = allUpper ? name.toLowerCase() : name.replace(/\p{Lu}/gu, (letter) => `-${letter.toLowerCase()}`);
  return dashed.replaceAll("_", "-").replace(/^-+|-+$/g, "");
}
