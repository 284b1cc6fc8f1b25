import type { Catalog } from "../en";

export const feed: Catalog["feed"] = {
  title: (page) => `Histórico de status de ${page}`,
  description: (page) => `Incidentes e manutenções programadas de ${page}`,
  update: "Atualização",
};
