import type { RatingComment } from "../../contract/indicators.ts";
import { Link } from "../components/Link.tsx";
import { formatDateTime, PLATFORM_LABELS } from "../format.ts";
import { scoreLabel } from "./indicator-labels.ts";

/** The latest comments left with a rating, newest first; the requester's text is rendered as text. */
export function CommentList({ comments }: { comments: RatingComment[] }) {
  if (comments.length === 0)
    return <p class="empty">Aucun commentaire sur cette période.</p>;
  return (
    <ul class="comment-list">
      {comments.map((comment) => (
        <li key={comment.reference} class="comment">
          <p class="comment-meta">
            <span class="comment-score">{scoreLabel(comment.score)}</span>
            {" · "}
            <time dateTime={comment.at}>{formatDateTime(comment.at)}</time>
            {" · "}
            {PLATFORM_LABELS[comment.platform] ?? comment.platform}{" "}
            <code class="route">{comment.route}</code>
          </p>
          <p class="comment-text">{comment.comment}</p>
          <Link to={`/requests/${encodeURIComponent(comment.reference)}`}>
            Voir la demande {comment.reference}
          </Link>
        </li>
      ))}
    </ul>
  );
}
