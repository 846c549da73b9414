import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { answerFeedback, getFeedbackRequest } from '../api/outcomes';
import { ApiError, errorMessage } from '../api/problem';
import { queryKeys } from '../api/queryKeys';
import type { FeedbackInput } from '../api/types';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { FeedbackForm } from './feedback/FeedbackForm';

const isGone = (error: unknown) => error instanceof ApiError && error.status === 410;

/**
 * Where a client answers the referring organisation's question about the help they got, through the
 * single-use link it sent them: no account, nothing of the matter shown, one answer.
 */
export function FeedbackPage() {
  useDocumentTitle('Your feedback');
  const token = useParams().token ?? '';
  const ask = useQuery({ queryKey: queryKeys.feedbackAsk(token), queryFn: () => getFeedbackRequest(token), retry: false });
  const answer = useMutation({ mutationFn: (input: FeedbackInput) => answerFeedback(token, input) });

  if (ask.isPending) return <Loading label="Opening the feedback form…" />;
  if (ask.isError || isGone(answer.error)) {
    return <LinkUnavailable message={isGone(ask.error) || isGone(answer.error) ? undefined : errorMessage(ask.error)} />;
  }
  if (answer.isSuccess) {
    return (
      <>
        <h1>Thank you</h1>
        <p role="status">Your answer has been sent to {ask.data.organization_name}. You can close this page.</p>
      </>
    );
  }
  return (
    <>
      <h1>How did we do?</h1>
      <p>
        {ask.data.organization_name} would like to know how satisfied you are with the legal help you received. Your answer goes to{' '}
        {ask.data.organization_name} only, and this link works once.
      </p>
      <FeedbackForm
        name="Your feedback"
        question="How satisfied are you with the help you received?"
        commentLabel="Anything you would like to tell us"
        submitLabel="Send my answer"
        busy={answer.isPending}
        error={answer.error}
        onSubmit={(input) => answer.mutate(input)}
      />
    </>
  );
}

function LinkUnavailable({ message }: { message?: string }) {
  return (
    <>
      <h1>This link can no longer be used</h1>
      <div className="alert alert-error" role="alert">
        <p>{message ?? 'It has been used already, or it has expired.'}</p>
      </div>
      <p>If you still want to tell the organisation how it went, ask them for a new link.</p>
    </>
  );
}
