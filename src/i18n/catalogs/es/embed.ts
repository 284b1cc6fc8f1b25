import type { Catalog } from "../en";

// Messages say a status as the page does ("Operativo"); labels stay lower-case, as badges' are.
export const embed: Catalog["embed"] = {
  badge: {
    statusLabel: "estado",
    uptimeLabel: "disponibilidad",
    noData: "Sin datos",
    page: {
      none: "Operativo",
      minor: "Interrupción leve",
      major: "Interrupción grave",
      critical: "Interrupción crítica",
      maintenance: "Mantenimiento",
    },
    component: {
      operational: "Operativo",
      degraded_performance: "Rendimiento degradado",
      partial_outage: "Interrupción parcial",
      major_outage: "Interrupción grave",
      under_maintenance: "Mantenimiento",
    },
  },
  frame: {
    title: (page: string, status: string) => `Estado de ${page}: ${status}`,
    andMore: (name: string, others: number) => `${name} y ${others} más`,
    asOf: (when: string) => `datos de ${when}`,
    opensInNewTab: (title: string) => `${title} (abre la página de estado en una pestaña nueva)`,
  },
  widget: {
    heading: (page: string) => `Estado de ${page}`,
    unnamedHeading: "Estado del servicio",
    update: "Actualización",
    maintenance: "Mantenimiento",
    incident: "Incidente",
    more: (count: string) => `${count} más en la página de estado`,
    dismiss: "Cerrar aviso de estado",
  },
};
