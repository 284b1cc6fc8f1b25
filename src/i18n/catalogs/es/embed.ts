import type { Catalog } from "../en";

export const embed: Catalog["embed"] = {};
