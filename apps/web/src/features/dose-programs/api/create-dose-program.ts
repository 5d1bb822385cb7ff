import {
  type DoseProgramCreated,
  doseProgramCreatedSchema,
  type DoseProgramInputValues,
} from '@pumpdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client.ts';

export interface CreateDoseProgramRequest {
  pumpId: string;
  body: DoseProgramInputValues;
  /** The same key for a retry of the same program, so a timeout cannot record it twice. */
  idempotencyKey: string;
}

export function createDoseProgram({
  pumpId,
  body,
  idempotencyKey,
}: CreateDoseProgramRequest): Promise<DoseProgramCreated> {
  return apiSend(`/api/pumps/${encodeURIComponent(pumpId)}/dose-programs`, doseProgramCreatedSchema, {
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** Records the program; the patient, the pump's history and the worklists then change. */
export function useCreateDoseProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDoseProgram,
    // Not awaited: the screen moves on at once (to the patient page, whose queries are then stale
    // and refetched as it mounts); awaiting would refetch the editor's own queries first.
    onSuccess: (_created, request) => {
      void queryClient.invalidateQueries({ queryKey: ['patients'] });
      void queryClient.invalidateQueries({ queryKey: ['worklists'] });
      void queryClient.invalidateQueries({ queryKey: ['pumps', request.pumpId] });
    },
  });
}
