import type { Catalog } from "../en";

export const subscribe: Catalog["subscribe"] = {
  titles: {
    subscribe: "Assinar",
    confirm: "Confirmar",
    manage: "Sua assinatura",
    unsubscribe: "Cancelar assinatura",
    unsubscribed: "Assinatura cancelada",
    invalidLink: "Link inválido",
  },
  form: {
    heading: (pageName: string) => `Receba atualizações de status de ${pageName} por e-mail`,
    email: "Endereço de e-mail",
    submit: "Assinar",
    sent: "Confira sua caixa de entrada: se for possível assinar com esse endereço, um e-mail com um link de confirmação está a caminho. Nada mais é enviado antes da sua confirmação.",
    components: "Componentes",
    componentsHint: "Marque os que interessam a você; deixe todos desmarcados para receber atualizações de tudo. Um grupo inclui os componentes dele.",
  },
  refused: {
    badEmail: "Informe um endereço de e-mail, como nome@exemplo.com.",
    tooMany: "Muitos pedidos de assinatura vindos da sua rede; tente novamente daqui a um minuto.",
    componentGone: "Um dos componentes escolhidos não existe mais; escolha novamente.",
  },
  confirm: {
    heading: "Confirme sua assinatura",
    question: (pageName: string): readonly [string, string] => [`Enviar as atualizações de status de ${pageName} para `, "?"],
    button: "Confirmar assinatura",
  },
  manage: {
    heading: (pageName: string) => `Sua assinatura do status de ${pageName}`,
    sendsTo: ["As atualizações são enviadas para ", "."] as readonly [string, string],
    confirmed: "Assinatura confirmada: as atualizações chegarão a este endereço.",
    saved: "Alterações salvas.",
    save: "Salvar",
    unsubscribe: "Cancelar assinatura",
  },
  unsubscribe: {
    heading: "Cancelar assinatura",
    question: (pageName: string): readonly [string, string] => [`Parar de enviar as atualizações de status de ${pageName} para `, "?"],
    button: "Cancelar assinatura",
    doneHeading: "Sua assinatura foi cancelada",
    done: (pageName: string) => `Nenhuma outra atualização de status de ${pageName} será enviada para este endereço.`,
  },
  invalidLink: {
    heading: "Este link não é válido",
    message: "Ele pode ser antigo ou ter sido digitado errado, ou a assinatura já foi encerrada.",
  },
  seeCurrent: "Ver o status atual",
};
