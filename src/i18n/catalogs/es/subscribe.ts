import type { Catalog } from "../en";

export const subscribe: Catalog["subscribe"] = {
  titles: {
    subscribe: "Suscribirse",
    confirm: "Confirmar",
    manage: "Tu suscripción",
    unsubscribe: "Cancelar suscripción",
    unsubscribed: "Suscripción cancelada",
    invalidLink: "Enlace no válido",
  },
  form: {
    heading: (pageName: string) => `Recibe actualizaciones de estado de ${pageName} por correo`,
    email: "Correo electrónico",
    submit: "Suscribirse",
    sent: "Revisa tu bandeja de entrada: si la dirección se puede suscribir, te llegará un correo con un enlace de confirmación. No se envía nada más hasta que confirmes.",
    components: "Componentes",
    componentsHint: "Marca los que te interesan; déjalos todos sin marcar para recibir avisos de todo. Un grupo incluye sus componentes.",
  },
  refused: {
    badEmail: "Escribe una dirección de correo, como nombre@ejemplo.com.",
    tooMany: "Demasiadas solicitudes de suscripción desde tu red; inténtalo de nuevo en un minuto.",
    componentGone: "Uno de los componentes elegidos ya no existe; vuelve a elegir.",
  },
  confirm: {
    heading: "Confirma tu suscripción",
    question: (pageName: string): readonly [string, string] => [`¿Enviar las actualizaciones de estado de ${pageName} a `, "?"],
    button: "Confirmar suscripción",
  },
  manage: {
    heading: (pageName: string) => `Tu suscripción al estado de ${pageName}`,
    sendsTo: ["Las actualizaciones se envían a ", "."] as readonly [string, string],
    confirmed: "Suscripción confirmada: las actualizaciones llegarán a esta dirección.",
    saved: "Cambios guardados.",
    save: "Guardar",
    unsubscribe: "Cancelar suscripción",
  },
  unsubscribe: {
    heading: "Cancelar suscripción",
    question: (pageName: string): readonly [string, string] => [`¿Dejar de enviar las actualizaciones de estado de ${pageName} a `, "?"],
    button: "Cancelar suscripción",
    doneHeading: "Tu suscripción está cancelada",
    done: (pageName: string) => `No se enviarán más actualizaciones de estado de ${pageName} a esta dirección.`,
  },
  invalidLink: {
    heading: "Este enlace no es válido",
    message: "Puede que sea antiguo, que esté mal escrito o que la suscripción ya haya terminado.",
  },
  seeCurrent: "Ver el estado actual",
};
