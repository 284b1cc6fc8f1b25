import { describe, expect, it } from "vitest";
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "../../src/domain/statuses";
import { catalogFor } from "../../src/i18n/catalog";
import { LOCALES } from "../../src/i18n/locales";

/** Every leaf of a catalog, by its dotted path. */
function leaves(value: unknown, path = ""): Map<string, unknown> {
  if (typeof value !== "object" || value === null) return new Map([[path, value]]);
  return new Map(Object.entries(value).flatMap(([key, inner]) => [...leaves(inner, path ? `${path}.${key}` : key)]));
}

describe("the catalogs", () => {
  const english = leaves(catalogFor("en"));

  it.each(LOCALES)("%s has every key English has, each a non-empty text or a phrase builder, and no other", (locale) => {
    const words = leaves(catalogFor(locale));
    expect([...words.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [path, text] of words) {
      // A phrase with numbers or names in it is a function of them, as English's is (same arity).
      const ok = typeof text === "string" ? text.trim().length > 0 : typeof text === "function" && text.length === (english.get(path) as () => string).length;
      expect(ok, `${locale} ${path}`).toBe(true);
    }
  });

  it("names every status and impact the API has", () => {
    const catalog = catalogFor("en");
    expect(Object.keys(catalog.core.componentStatus).sort()).toEqual([...COMPONENT_STATUSES].sort());
    expect(Object.keys(catalog.core.eventStatus).sort()).toEqual([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES].sort());
    expect(Object.keys(catalog.core.impact).sort()).toEqual([...IMPACTS, "maintenance"].sort());
  });

  it("speaks Portuguese and Spanish where it says so", () => {
    expect(catalogFor("pt-BR").core.componentStatus.operational).toBe("Operacional");
    expect(catalogFor("pt-BR").core.eventStatus.resolved).toBe("Resolvido");
    expect(catalogFor("es").core.componentStatus.operational).toBe("Operativo");
    expect(catalogFor("es").core.eventStatus.resolved).toBe("Resuelto");
  });
});
