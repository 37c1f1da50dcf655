import { useEffect } from "preact/hooks";

/** Names the browser tab after the screen (RGAA 8.6: each page has a relevant title). */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Console support SNU Aide`;
  }, [title]);
}
