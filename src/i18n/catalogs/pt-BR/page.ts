import type { Catalog } from "../en";

export const page: Catalog["page"] = {};
