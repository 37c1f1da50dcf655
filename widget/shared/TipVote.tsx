import { useRef, useState } from "preact/hooks";
import type { EventCounter } from "./event-counter.ts";

interface TipVoteProps {
  tip: string;
  counter: EventCounter;
  /** « Contacter le support », offered after a « Non ». */
  onContact(): void;
}

/**
 * « Cette astuce vous a-t-elle aidé ? » Oui / Non, under a tip in the panel and in the anchored popover:
 * one answer per tip per panel session (event-counter.ts), thanked in a polite live region.
 */
export function TipVote({ tip, counter, onContact }: TipVoteProps) {
  const [answer, setAnswer] = useState(() => counter.vote(tip));
  const thanks = useRef<HTMLParagraphElement>(null);
  const vote = (helpful: boolean) => {
    // The pressed button goes away: the focus moves first to the thanks (then « Contacter le support »
    // after a « Non »), never to <body>, where Escape would no longer reach the panel.
    thanks.current!.focus();
    setAnswer(counter.vote(tip, helpful));
  };

  return (
    <div>
      {answer === undefined && (
        <fieldset>
          <legend>Cette astuce vous a-t-elle aidé ?</legend>
          <div class="actions">
            <button
              type="button"
              class="button secondary"
              onClick={() => vote(true)}
            >
              Oui
            </button>
            <button
              type="button"
              class="button secondary"
              onClick={() => vote(false)}
            >
              Non
            </button>
          </div>
        </fieldset>
      )}
      {/* There before the answer: a live region added with its text is not announced. */}
      <p role="status" tabIndex={-1} ref={thanks}>
        {answer !== undefined && "Merci pour votre réponse."}
      </p>
      {answer === false && (
        <button type="button" class="button" onClick={onContact}>
          Contacter le support
        </button>
      )}
    </div>
  );
}
