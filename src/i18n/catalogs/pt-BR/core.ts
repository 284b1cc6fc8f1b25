import type { Catalog } from "../en";

export const core: Catalog["core"] = {
  componentStatus: {
    operational: "Operacional",
    degraded_performance: "Desempenho degradado",
    partial_outage: "Interrupção parcial",
    major_outage: "Interrupção grave",
    under_maintenance: "Em manutenção",
  },
  componentPhrase: {
    degraded_performance: "com desempenho degradado",
    partial_outage: "com interrupção parcial",
    major_outage: "com interrupção grave",
    under_maintenance: "em manutenção",
  },
  eventStatus: {
    investigating: "Investigando",
    identified: "Identificado",
    monitoring: "Monitorando",
    resolved: "Resolvido",
    postmortem: "Análise pós-incidente",
    scheduled: "Agendada",
    in_progress: "Em andamento",
    verifying: "Verificando",
    completed: "Concluída",
  },
  impact: {
    none: "Sem impacto",
    minor: "Leve",
    major: "Grave",
    critical: "Crítico",
    maintenance: "Manutenção",
  },
  time: {
    lessThanAMinute: "menos de um minuto",
  },
  /** The page's overall status, by the API's own description of it (which stays English in the JSON). */
  pageStatus: {
    "All Systems Operational": "Todos os sistemas operacionais",
    "Minor Service Outage": "Interrupção leve do serviço",
    "Partial System Outage": "Interrupção parcial do sistema",
    "Major System Outage": "Interrupção grave do sistema",
    "Degraded System Service": "Sistema com desempenho degradado",
    "Partially Degraded Service": "Serviço parcialmente degradado",
    "Service Under Maintenance": "Serviço em manutenção",
  },
};
