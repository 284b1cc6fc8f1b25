import type { Catalog } from "../en";

export const mail: Catalog["mail"] = {};
