import type { Tip } from "../../api/contract/tip.ts";
import { TipContent } from "../shared/TipBody.tsx";

interface TipItemProps {
  tip: Tip;
  open?: boolean;
  onView(id: string): void;
}

/** One tip as a disclosure: its title, and once opened its body and knowledge-base link. */
export function TipItem({ tip, open, onView }: TipItemProps) {
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
        </div>
      </details>
    </li>
  );
}
