import { describe, expect, it } from "vitest";
import { localDay, localDuration } from "../../src/i18n/format";
import { type Locale, pickLocale } from "../../src/i18n/locales";

const ALL: Locale[] = ["en", "pt-BR", "es"];

describe("which language a reader gets", () => {
  it.each([
    [undefined, "en", "en"],
    ["pt-BR,pt;q=0.9,en;q=0.8", "en", "pt-BR"],
    ["pt-PT", "en", "pt-BR"],
    ["PT", "en", "pt-BR"],
    ["es-MX,es;q=0.9", "en", "es"],
    ["fr-FR,fr;q=0.9", "pt-BR", "pt-BR"],
    ["fr, es;q=0.5, pt;q=0.7", "en", "pt-BR"],
    ["pt;q=0, es", "en", "es"],
    ["*", "es", "es"],
    ["en-GB;q=0.8, de;q=0.9", "pt-BR", "en"],
    ["garbage;;q=x,,", "es", "es"],
  ] as const)("Accept-Language %j on a page in %s reads %s", (header, page, expected) => {
    expect(pickLocale(header, ALL, page)).toBe(expected);
  });

  it("offers only the languages the page enables", () => {
    expect(pickLocale("es", ["en", "pt-BR"], "en")).toBe("en");
    expect(pickLocale("es, pt;q=0.5", ["en", "pt-BR"], "en")).toBe("pt-BR");
  });
});

describe("durations and days in the reader's language", () => {
  const span = 5 * 3_600_000 + 23 * 60_000 + 59_000;
  it.each([
    ["en", "5h 23m", "Nov 14, 2024"],
    ["pt-BR", "5 h 23 min", "14 de nov. de 2024"],
    ["es", "5 h 23 min", "14 nov 2024"],
  ] as const)("%s says %s and %s", (locale, duration, day) => {
    expect(localDuration(span, locale, "-")).toBe(duration);
    expect(localDay(Date.parse("2024-11-14T12:00:00-03:00"), "America/Sao_Paulo", locale)).toBe(day);
  });

  it("rounds down, drops a zero part, says days, and is never negative", () => {
    expect(localDuration(2 * 86_400_000 + 3 * 3_600_000, "en", "")).toBe("2d 3h");
    expect(localDuration(3_600_000, "pt-BR", "")).toBe("1 h");
    expect(localDuration(-5, "es", "menos de un minuto")).toBe("menos de un minuto");
    expect(localDuration(59_999, "pt-BR", "menos de um minuto")).toBe("menos de um minuto");
  });
});
