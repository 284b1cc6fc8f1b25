import { createContext, useContext } from "hono/jsx";
import { ENGLISH_VOICE, type Voice } from "../../i18n/words";

// Every view of a page speaks the page's language: one context instead of a prop through each part.
export const VoiceContext = createContext<Voice>(ENGLISH_VOICE);

export const useVoice = (): Voice => useContext(VoiceContext);
