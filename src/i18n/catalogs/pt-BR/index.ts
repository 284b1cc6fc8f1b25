import type { Catalog } from "../en";
import { core } from "./core";
import { page } from "./page";
import { mail } from "./mail";
import { feed } from "./feed";
import { embed } from "./embed";
import { subscribe } from "./subscribe";

export const ptBR: Catalog = { core, page, mail, feed, embed, subscribe };
