import type { Catalog } from "../en";

export const feed: Catalog["feed"] = {
  title: (page) => `Historial de estado de ${page}`,
  description: (page) => `Incidentes y mantenimientos programados de ${page}`,
  update: "Actualización",
};
