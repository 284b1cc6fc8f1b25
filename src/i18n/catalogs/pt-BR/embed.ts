import type { Catalog } from "../en";

// Messages say a status as the page does ("Operacional", "Interrupção leve"); labels stay lower-case, as badges' are.
export const embed: Catalog["embed"] = {
  badge: {
    statusLabel: "status",
    uptimeLabel: "disponibilidade",
    noData: "Sem dados",
    page: {
      none: "Operacional",
      minor: "Interrupção leve",
      major: "Interrupção grave",
      critical: "Interrupção crítica",
      maintenance: "Manutenção",
    },
    component: {
      operational: "Operacional",
      degraded_performance: "Desempenho degradado",
      partial_outage: "Interrupção parcial",
      major_outage: "Interrupção grave",
      under_maintenance: "Manutenção",
    },
  },
  frame: {
    title: (page: string, status: string) => `Status de ${page}: ${status}`,
    andMore: (name: string, others: number) => `${name} e mais ${others}`,
    asOf: (when: string) => `dados de ${when}`,
    opensInNewTab: (title: string) => `${title} (abre a página de status em uma nova aba)`,
  },
  widget: {
    heading: (page: string) => `Status de ${page}`,
    unnamedHeading: "Status do serviço",
    update: "Atualização",
    maintenance: "Manutenção",
    incident: "Incidente",
    more: (count: string) => `Mais ${count} na página de status`,
    dismiss: "Fechar aviso de status",
  },
};
