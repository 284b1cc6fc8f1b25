// What the subscription pages say: the subscribe form (on its own page and on the home page), the
// refusals of its POST, and the pages a subscriber's mail links open (confirm, manage, unsubscribe).
// A sentence with the subscriber's address in bold is the text around it: [before, after].
export const subscribe = {
  /** The page titles (the layout adds the page's name). */
  titles: {
    subscribe: "Subscribe",
    confirm: "Confirm",
    manage: "Your subscription",
    unsubscribe: "Unsubscribe",
    unsubscribed: "Unsubscribed",
    invalidLink: "Link not valid",
  },
  form: {
    heading: (pageName: string) => `Get ${pageName} status updates by email`,
    email: "Email address",
    submit: "Subscribe",
    sent: "Check your inbox: if the address can be subscribed, a mail with a confirmation link is on its way. Nothing else is sent before you confirm.",
    components: "Components",
    componentsHint: "Tick the ones you care about; leave all unticked to hear about everything. A group includes its components.",
  },
  /** Why a POSTed form is shown again. */
  refused: {
    badEmail: "Enter an email address, like name@example.com.",
    tooMany: "Too many subscribe requests from your network; try again in a minute.",
    componentGone: "One of the chosen components no longer exists; choose again.",
  },
  confirm: {
    heading: "Confirm your subscription",
    question: (pageName: string): readonly [string, string] => [`Send ${pageName}'s status updates to `, "?"],
    button: "Confirm subscription",
  },
  manage: {
    heading: (pageName: string) => `Your ${pageName} status subscription`,
    sendsTo: ["Updates go to ", "."] as readonly [string, string],
    confirmed: "Subscription confirmed: updates will come to this address.",
    saved: "Saved.",
    save: "Save",
    unsubscribe: "Unsubscribe",
  },
  unsubscribe: {
    heading: "Unsubscribe",
    question: (pageName: string): readonly [string, string] => [`Stop sending ${pageName}'s status updates to `, "?"],
    button: "Unsubscribe",
    doneHeading: "You are unsubscribed",
    done: (pageName: string) => `No more ${pageName} status updates will be sent to this address.`,
  },
  invalidLink: {
    heading: "This link is not valid",
    message: "It may be old, mistyped, or the subscription already ended.",
  },
  seeCurrent: "See the current status",
};
