import {
  type DoseProgramPreview,
  doseProgramInputSchema,
  doseProgramPreviewSchema,
  problemSchema,
  pumpIdParamsSchema,
} from '@pumpdesk/contracts';
import { loadPumpContext } from '@pumpdesk/db';
import { alarmVolumeOf, doseProgramSchema, type Finding, previewDoseChange } from '@pumpdesk/domain';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpProblem, notFound } from '../http/problem.ts';

const findingDto = ({ code, severity, message }: Finding) => ({ code, severity, message });

export const doseProgramRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/pumps/:pumpId/dose-programs/preview',
    {
      schema: {
        tags: ['dose programs'],
        summary:
          'Judge a new dose program without saving it: old vs new daily dose, titration/unit-slip/ceiling/concentration findings, and the new alarm and due dates',
        params: pumpIdParamsSchema,
        body: doseProgramInputSchema,
        response: {
          200: doseProgramPreviewSchema,
          400: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request): Promise<DoseProgramPreview> => {
      const context = await loadPumpContext(app.database.prisma, request.params.pumpId);
      if (!context) throw notFound(`No pump with id ${request.params.pumpId}.`);
      if (!context.implanted) {
        throw new HttpProblem(
          409,
          'PUMP_NOT_IMPLANTED',
          'Pump explanted',
          'An explanted pump takes no new program.',
        );
      }
      const { effectiveFrom, reason: _reason, titrationOverrideReason, ...schedule } = request.body;
      // The clock is read here, at the edge: the engine takes the instant as an argument.
      const newProgram = doseProgramSchema.parse({
        ...schedule,
        effectiveFrom: effectiveFrom === undefined ? new Date() : new Date(effectiveFrom),
      });
      const preview = previewDoseChange({
        newProgram,
        patientGroup: context.patientGroup,
        highRisk: context.highRisk,
        programs: context.facts.programs,
        lastRefill:
          context.facts.lastRefill && context.lastRefillConcentrationMcgPerMl !== null
            ? { ...context.facts.lastRefill, concentrationMcgPerMl: context.lastRefillConcentrationMcgPerMl }
            : null,
        alarmVolumeMl: alarmVolumeOf(context.facts),
        timeZone: context.timeZone,
        settings: context.settings,
        override: titrationOverrideReason === null ? null : { reason: titrationOverrideReason },
      });
      return {
        previous: preview.previous && {
          effectiveFrom: preview.previous.program.effectiveFrom.toISOString(),
          concentrationMcgPerMl: preview.previous.program.concentrationMcgPerMl,
          dailyDoseMcg: preview.previous.dose.totalMcg,
        },
        proposed: {
          dailyDoseMcg: preview.proposed.totalMcg,
          averageDailyDoseMcg: preview.proposed.averageMcg,
          byWeekdayMcg: preview.proposed.byWeekday.map((day) => day.totalMcg),
        },
        changePercent: preview.changePercent,
        allowed: preview.decision.allowed,
        blocking: preview.decision.blocking.map(findingDto),
        findings: preview.decision.findings.map(findingDto),
        alarmAt: preview.alarmAt?.toISOString() ?? null,
        emptyAt: preview.emptyAt?.toISOString() ?? null,
        alarmDate: preview.due?.alarmDate ?? null,
        dueDate: preview.due?.dueDate ?? null,
        dueDateBoundBy: preview.due?.boundBy ?? null,
        dueMessage: preview.due?.message ?? null,
      };
    },
  );
};
