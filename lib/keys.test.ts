import { describe, expect, it } from "vitest";

import { hasPrototypeKey, namesPrototype } from "./keys";

describe("namesPrototype", () => {
  it.each(["__proto__", "__proto__.x", "constructor.prototype.x", "a.__proto__.b", "contact.prototype"])(
    "finds %s",
    (name) => expect(namesPrototype(name)).toBe(true),
  );

  it.each(["contact.email", "proto", "constructors", "a.b.c", "$ACTION_ID_1"])("lets %s pass", (name) =>
    expect(namesPrototype(name)).toBe(false),
  );
});

describe("hasPrototypeKey", () => {
  it("finds a prototype key as JSON.parse makes it (an own member), at any depth", () => {
    expect(hasPrototypeKey(JSON.parse('{"__proto__": {"x": 1}}'))).toBe(true);
    expect(hasPrototypeKey(JSON.parse('[{"a": [{"constructor": 1}]}]'))).toBe(true);
    expect(hasPrototypeKey(JSON.parse('{"a": {"b": {"prototype": null}}}'))).toBe(true);
  });

  it("lets ordinary JSON pass, whatever the values say", () => {
    expect(hasPrototypeKey(JSON.parse('{"a": "__proto__", "b": ["constructor"], "c": null}'))).toBe(false);
    expect(hasPrototypeKey("__proto__")).toBe(false);
    expect(hasPrototypeKey(null)).toBe(false);
  });
});
