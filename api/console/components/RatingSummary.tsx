import { SATISFACTION_LABELS } from "../../contract/satisfaction.ts";
import type { Rating } from "../../contract/support-conversation.ts";
import { formatDateTime } from "../format.ts";

/** « Satisfaction de l'usager : 4/5 — Satisfait(e) », with the requester's comment as text. */
export function RatingSummary({ rating }: { rating: Rating }) {
  return (
    <div class="rating">
      <p class="rating-score">
        Satisfaction de l'usager : {rating.score}/5 —{" "}
        {SATISFACTION_LABELS[rating.score] ?? rating.score}
      </p>
      {rating.comment && <p class="rating-comment">{rating.comment}</p>}
      <p class="msg-meta">
        {rating.updatedAt === rating.at ? "Avis donné" : "Avis modifié"} le{" "}
        <time dateTime={rating.updatedAt}>
          {formatDateTime(rating.updatedAt)}
        </time>
      </p>
    </div>
  );
}
