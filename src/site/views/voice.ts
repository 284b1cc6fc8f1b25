import { createContext, useContext } from "hono/jsx";
import { ENGLISH_VOICE, type Voice } from "../../i18n/words";

// Every view of a page speaks the page's language: one context instead of a prop through each part.
export const VoiceContext = createContext<Voice>(ENGLISH_VOICE);

export const useVoice = (): Voice => useContext(VoiceContext);

/**
 * The language of what operators wrote (names, updates, postmortems): the page's own. Marked only
 * where the reader's differs, so a screen reader reads it with the right voice.
 */
export function useWrittenLang(): string | undefined {
  const { locale, languages } = useVoice();
  const own = languages[0];
  return own !== undefined && own !== locale ? own : undefined;
}
