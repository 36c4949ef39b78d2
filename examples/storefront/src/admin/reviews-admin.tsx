import { useMutation, useQuery } from '@apollo/client/react';
import type { ModerationDecision } from '../__generated__/graphql';
import { errorMessage, stars, when } from '../format';
import { useAction } from './use-action';
import { AdminModerateReviewMutation, AdminModerationQueueQuery } from './admin-operations';

/** The moderation queue, oldest first: a review is public once approved. */
export function ReviewsAdmin() {
  const { data, error, refetch, fetchMore } = useQuery(AdminModerationQueueQuery, { variables: { status: 'PENDING', first: 50 }, fetchPolicy: 'network-only' });
  const [moderate] = useMutation(AdminModerateReviewMutation);
  const { failure, run } = useAction();
  const queue = data?.reviewsForModeration;
  const reviews = queue?.edges ?? [];
  const more = () =>
    fetchMore({
      variables: { after: queue?.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        ...previous,
        reviewsForModeration: {
          ...fetchMoreResult.reviewsForModeration,
          edges: [...previous.reviewsForModeration.edges, ...fetchMoreResult.reviewsForModeration.edges],
        },
      }),
    });
  const decide = (id: string, status: ModerationDecision) =>
    run(async () => {
      await moderate({ variables: { id, status } });
      // Everything shown so far, again: the decided review leaves the queue.
      await refetch({ first: Math.min(100, Math.max(50, reviews.length)) });
    });
  return (
    <div data-testid="moderation-queue">
      <h1>Reviews waiting for moderation</h1>
      {error && <p className="error">{errorMessage(error)}</p>}
      {failure && <p className="error">{failure}</p>}
      {data && reviews.length === 0 && <p className="muted">Nothing to moderate.</p>}
      {reviews.map(({ node }) => (
        <article key={node.id} className="review" data-testid="pending-review" data-review-id={node.id}>
          <h3>
            {stars(node.rating)} {node.title}
          </h3>
          <p>{node.body}</p>
          <p className="muted">
            {node.author.name} on <a href={`#/product/${node.product.slug}`}>{node.product.name}</a>, {when(node.createdAt)}
            {node.verifiedPurchase && ' · verified purchase'}
          </p>
          <button onClick={() => void decide(node.id, 'APPROVED')}>Approve</button> <button onClick={() => void decide(node.id, 'REJECTED')}>Reject</button>
        </article>
      ))}
      {queue?.pageInfo.hasNextPage && <button onClick={() => void more()}>Newer reviews</button>}
    </div>
  );
}
