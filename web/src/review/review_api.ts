// The reviewer view's calls (docs/openapi.yaml): a task's annotations and reviews, and a new
// review. Kept beside the view, on ApiClient's shared request (CSRF, errors, 401 handling).
import type { ApiClient } from '../api';
import type { Annotation, Id } from '../types';
import type { Review, ReviewBody } from './review_state';

const part = (id: Id) => encodeURIComponent(String(id));

// Every submitted and skipped annotation of a task, in id order (admin, manager, reviewer).
export async function taskAnnotations(client: ApiClient, taskId: Id): Promise<Annotation[]> {
  const { data } = await client.request<{ annotations: Annotation[] }>('GET', `/api/v1/tasks/${part(taskId)}/annotations`);
  return data?.annotations ?? [];
}

export async function taskReviews(client: ApiClient, taskId: Id): Promise<Review[]> {
  const { data } = await client.request<{ reviews: Review[] }>('GET', `/api/v1/tasks/${part(taskId)}/reviews`);
  return data?.reviews ?? [];
}

export async function sendReview(client: ApiClient, annotationId: Id, body: ReviewBody): Promise<Review> {
  const { data } = await client.request<{ review: Review }>('POST', `/api/v1/annotations/${part(annotationId)}/reviews`, {
    json: body,
  });
  if (!data?.review) throw new Error('The server did not answer with the review.');
  return data.review;
}
