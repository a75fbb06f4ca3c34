/**
 * Keys that come from a request (form field names, query parameters, JSON members, settings values)
 * must never reach an object's prototype. Writing `target["__proto__"]` on a plain object replaces
 * its prototype, and a dotted path such as `__proto__.x` or `constructor.prototype.x` walks into
 * Object.prototype itself: one forged form field then changes every object of the process (the
 * issue #9 outage). So request keys go into null-prototype objects (`Object.create(null)`), and
 * these three names are refused wherever a request names a key, never silently dropped.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Whether a key would reach a prototype (or shadow what code expects to inherit) if written. */
export function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_KEYS.has(key);
}

/** Whether a field name, or one of its dotted segments (`contact.__proto__`), is a prototype key. */
export function namesPrototype(name: string): boolean {
  return name.split(".").some(isPrototypeKey);
}

/** Whether a parsed JSON value holds a prototype key in any of its objects, at any depth. */
export function hasPrototypeKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasPrototypeKey);
  if (typeof value !== "object" || value === null) return false;
  return Object.entries(value).some(([key, item]) => isPrototypeKey(key) || hasPrototypeKey(item));
}
