import {
  type UserCreateBody,
  type UserSummary,
  type UserUpdateBody,
  userListSchema,
  userSummarySchema,
} from '@pumpdesk/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client.ts';

export const usersQueryKey = ['users'] as const;

export function usersQueryOptions() {
  return queryOptions({
    queryKey: usersQueryKey,
    queryFn: ({ signal }) => apiGet('/api/users', userListSchema, { signal }),
  });
}

export function useUsers() {
  return useQuery(usersQueryOptions());
}

const userPath = (userId: string) => `/api/users/${encodeURIComponent(userId)}`;

export function createUser(body: UserCreateBody): Promise<UserSummary> {
  return apiSend('/api/users', userSummarySchema, { body });
}

export function updateUser(userId: string, body: UserUpdateBody): Promise<UserSummary> {
  return apiSend(userPath(userId), userSummarySchema, { method: 'PATCH', body });
}

export function resetPassword(userId: string, newPassword: string): Promise<UserSummary> {
  return apiSend(`${userPath(userId)}/password`, userSummarySchema, { body: { newPassword } });
}

export function resetSecondFactor(userId: string): Promise<UserSummary> {
  return apiSend(`${userPath(userId)}/second-factor`, userSummarySchema, { method: 'DELETE' });
}

/** Any change to a user: the list is reloaded afterwards, also after a refusal (it may be stale). */
export function useUserMutation<Variables>(mutationFn: (variables: Variables) => Promise<UserSummary>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
