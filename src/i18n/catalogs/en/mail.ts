// Mails and chat messages. Functions take the values they place; the page's name arrives as given
// (mails escape the whole sentence for HTML).
export const mail = {
  affected: (names: string) => `Affected: ${names}`,
  details: (url: string) => `Details: ${url}`,
  timesIn: (zone: string) => `Times are in ${zone}.`,
  why: (page: string) => `You receive this because you subscribed to ${page}'s status page.`,
  manageLine: (url: string) => `Choose components or unsubscribe: ${url}`,
  viewOnPage: "View on the status page",
  openPage: "Open the status page",
  chooseComponents: "Choose components",
  unsubscribe: "Unsubscribe",
  confirm: {
    subject: (page: string) => `Confirm your subscription to ${page} status updates`,
    heading: "Confirm your subscription",
    asked: (page: string) => `Someone (hopefully you) asked to receive ${page}'s status updates at this address.`,
    link: (url: string) => `Confirm: ${url}`,
    button: "Confirm subscription",
    notYou: "If it was not you, ignore this mail: nothing more will be sent.",
  },
  already: {
    subject: (page: string) => `Your ${page} status subscription`,
    heading: "You are already subscribed",
    asked: (page: string) => `This address already receives ${page}'s status updates; someone asked to subscribe it again.`,
    manage: "Choose components or unsubscribe",
  },
};
