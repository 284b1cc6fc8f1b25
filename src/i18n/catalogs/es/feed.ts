import type { Catalog } from "../en";

export const feed: Catalog["feed"] = {};
