import type { Catalog } from "../en";

export const mail: Catalog["mail"] = {
  affected: (names) => `Afectados: ${names}`,
  details: (url) => `Detalles: ${url}`,
  timesIn: (zone) => `Horas en ${zone}.`,
  why: (page) => `Recibes este correo porque te suscribiste a la página de estado de ${page}.`,
  manageLine: (url) => `Elegir componentes o cancelar la suscripción: ${url}`,
  viewOnPage: "Ver en la página de estado",
  openPage: "Abrir la página de estado",
  chooseComponents: "Elegir componentes",
  unsubscribe: "Cancelar suscripción",
  confirm: {
    subject: (page) => `Confirma tu suscripción a las actualizaciones de estado de ${page}`,
    heading: "Confirma tu suscripción",
    asked: (page) => `Alguien (esperamos que tú) pidió recibir en esta dirección las actualizaciones de estado de ${page}.`,
    link: (url) => `Confirmar: ${url}`,
    button: "Confirmar suscripción",
    notYou: "Si no fuiste tú, ignora este correo: no se enviará nada más.",
  },
  already: {
    subject: (page) => `Tu suscripción al estado de ${page}`,
    heading: "Ya estás suscrito",
    asked: (page) => `Esta dirección ya recibe las actualizaciones de estado de ${page}; alguien pidió suscribirla de nuevo.`,
    manage: "Elegir componentes o cancelar la suscripción",
  },
};
