import type { Catalog } from "../en";

export const core: Catalog["core"] = {
  componentStatus: {
    operational: "Operativo",
    degraded_performance: "Rendimiento degradado",
    partial_outage: "Interrupción parcial",
    major_outage: "Interrupción grave",
    under_maintenance: "En mantenimiento",
  },
  componentPhrase: {
    degraded_performance: "con rendimiento degradado",
    partial_outage: "con interrupción parcial",
    major_outage: "con interrupción grave",
    under_maintenance: "en mantenimiento",
  },
  eventStatus: {
    investigating: "Investigando",
    identified: "Identificado",
    monitoring: "Supervisando",
    resolved: "Resuelto",
    postmortem: "Análisis posterior",
    scheduled: "Programado",
    in_progress: "En curso",
    verifying: "Verificando",
    completed: "Completado",
  },
  impact: {
    none: "Sin impacto",
    minor: "Leve",
    major: "Grave",
    critical: "Crítico",
    maintenance: "Mantenimiento",
  },
  time: {
    lessThanAMinute: "menos de un minuto",
  },
  /** The page's overall status, by the API's own description of it (which stays English in the JSON). */
  pageStatus: {
    "All Systems Operational": "Todos los sistemas funcionan con normalidad",
    "Minor Service Outage": "Interrupción leve del servicio",
    "Partial System Outage": "Interrupción parcial del sistema",
    "Major System Outage": "Interrupción grave del sistema",
    "Degraded System Service": "Sistema con rendimiento degradado",
    "Partially Degraded Service": "Servicio parcialmente degradado",
    "Service Under Maintenance": "Servicio en mantenimiento",
  },
};
