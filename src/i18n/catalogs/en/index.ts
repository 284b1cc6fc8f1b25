import { core } from "./core";
import { page } from "./page";
import { mail } from "./mail";
import { feed } from "./feed";
import { embed } from "./embed";
import { subscribe } from "./subscribe";

/** Every word the public surfaces say, by surface. English is the shape: a missing key in another catalog fails the type check. */
export const en = { core, page, mail, feed, embed, subscribe };

export type Catalog = typeof en;
