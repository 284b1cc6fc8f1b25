import { type Catalog, en } from "./catalogs/en";
import { es } from "./catalogs/es";
import { ptBR } from "./catalogs/pt-BR";
import type { Locale } from "./locales";

export type { Catalog };

const CATALOGS: Record<Locale, Catalog> = { en, "pt-BR": ptBR, es };

/** The words a page says in `locale`. */
export const catalogFor = (locale: Locale): Catalog => CATALOGS[locale];
