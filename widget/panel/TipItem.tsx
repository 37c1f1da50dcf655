import type { Tip } from "../../api/contract/tip.ts";
import type { EventCounter } from "../shared/event-counter.ts";
import { TipContent } from "../shared/TipBody.tsx";
import { TipVote } from "../shared/TipVote.tsx";

interface TipItemProps {
  tip: Tip;
  open?: boolean;
  counter: EventCounter;
  onView(id: string): void;
  /** « Contacter le support » after a « Non ». */
  onContact(): void;
}

/** One tip as a disclosure: its title, and once opened its body, knowledge-base link and vote. */
export function TipItem({ tip, open, onView, ...vote }: TipItemProps) {
  return (
    <li class="tip">
      <details
        open={open}
        data-tip-id={tip.id}
        onToggle={(event) =>
          (event.currentTarget as HTMLDetailsElement).open && onView(tip.id)
        }
      >
        <summary>{tip.title}</summary>
        <div class="tip-body">
          <TipContent tip={tip} />
          <TipVote tip={tip.id} {...vote} />
        </div>
      </details>
    </li>
  );
}
