import type { Catalog } from "../en";

export const mail: Catalog["mail"] = {
  affected: (names) => `Afetados: ${names}`,
  details: (url) => `Detalhes: ${url}`,
  timesIn: (zone) => `Horários em ${zone}.`,
  why: (page) => `Você recebe este e-mail porque assinou a página de status de ${page}.`,
  manageLine: (url) => `Escolher componentes ou cancelar a assinatura: ${url}`,
  viewOnPage: "Ver na página de status",
  openPage: "Abrir a página de status",
  chooseComponents: "Escolher componentes",
  unsubscribe: "Cancelar assinatura",
  confirm: {
    subject: (page) => `Confirme sua assinatura das atualizações de status de ${page}`,
    heading: "Confirme sua assinatura",
    asked: (page) => `Alguém (esperamos que você) pediu para receber neste endereço as atualizações de status de ${page}.`,
    link: (url) => `Confirmar: ${url}`,
    button: "Confirmar assinatura",
    notYou: "Se não foi você, ignore este e-mail: nada mais será enviado.",
  },
  already: {
    subject: (page) => `Sua assinatura de status de ${page}`,
    heading: "Você já é assinante",
    asked: (page) => `Este endereço já recebe as atualizações de status de ${page}; alguém pediu para assiná-lo de novo.`,
    manage: "Escolher componentes ou cancelar a assinatura",
  },
};
