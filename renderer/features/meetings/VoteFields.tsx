// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import type { ApiError } from '../../../shared/api/errors';
import { approveInputSchema, type VoteMode } from '../../../shared/features/meetings/schemas';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { applyServerError } from '../../components/forms';
import { useI18n } from '../../i18n/I18nProvider';

/** The vote fields a form holds: a decision's, and an approval of earlier minutes. */
export interface VoteForm {
  voteMode: VoteMode;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
}

export const VOTE_FIELDS = ['voteMode', 'votesFor', 'votesAgainst', 'votesAbstain'];
export const countValue = (v: unknown) => (v === '' || v === null || v === undefined || Number.isNaN(v) ? null : Number(v));

/** Mode of adoption, then the votes for, against and abstaining when it is a vote. */
export function VoteFields<F extends VoteForm>({ form, voters }: { form: UseFormReturn<F>; voters: number }) {
  const { t } = useI18n();
  // The fields are the same whatever else the form holds.
  const {
    register,
    watch,
    formState: { errors },
  } = form as unknown as UseFormReturn<VoteForm>;
  const mode = watch('voteMode');
  return (
    <>
      <fieldset className="field field-wide choice-group">
        <legend>{t('meetings.ui.decision.mode')}</legend>
        <label className="inline-choice">
          <input type="radio" value="vote" {...register('voteMode')} /> {t('meetings.voteMode.vote')}
        </label>
        <label className="inline-choice">
          <input type="radio" value="consensus" {...register('voteMode')} /> {t('meetings.voteMode.consensus')}
        </label>
      </fieldset>
      {mode === 'vote' ? (
        <>
          <Field label={t('meetings.ui.decision.for')} error={errors.votesFor} required hint={t('meetings.ui.decision.voters', { voters })}>
            {(p) => <input {...p} {...register('votesFor', { setValueAs: countValue })} type="number" min={0} className="input-short" />}
          </Field>
          <Field label={t('meetings.ui.decision.against')} error={errors.votesAgainst}>
            {(p) => <input {...p} {...register('votesAgainst', { setValueAs: countValue })} type="number" min={0} className="input-short" />}
          </Field>
          <Field label={t('meetings.ui.decision.abstain')} error={errors.votesAbstain}>
            {(p) => <input {...p} {...register('votesAbstain', { setValueAs: countValue })} type="number" min={0} className="input-short" />}
          </Field>
        </>
      ) : null}
    </>
  );
}

type ApprovalForm = z.input<typeof approveInputSchema>;

/**
 * Approving earlier minutes is a vote of the approving meeting, recorded like a decision's
 * (« approuvé à l'unanimité des 12 voix exprimées ») and printed in its minutes.
 */
export function ApprovalDialog({
  title,
  message,
  meetingId,
  approvedByMeetingId,
  voters,
  onClose,
  onApproved,
  children,
}: {
  title: string;
  message: string;
  meetingId: number;
  approvedByMeetingId: number | null;
  voters: number;
  onClose: () => void;
  onApproved: () => void;
  children?: React.ReactNode;
}) {
  const { t } = useI18n();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const form = useForm<ApprovalForm>({
    resolver: zodResolver(approveInputSchema) as never,
    defaultValues: { meetingId, approvedByMeetingId: approvedByMeetingId ?? 0, voteMode: voters > 0 ? 'vote' : 'consensus', votesFor: voters || null, votesAgainst: 0, votesAbstain: 0 },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setBanner(null);
    if (approvedByMeetingId === null) return;
    try {
      await api.call('meetings.approveMinutes', { ...approveInputSchema.parse(values), meetingId, approvedByMeetingId });
      onApproved();
    } catch (e) {
      setBanner(applyServerError(e, form.setError, VOTE_FIELDS));
    }
  });
  return (
    <FormDialog title={title} dirty={false} banner={banner} busy={form.formState.isSubmitting} submitLabel={t('meetings.ui.approveConfirm')} onSubmit={onSubmit} onClose={onClose} size="large">
      <p className="field-wide">{message}</p>
      {children}
      <p className="fieldset-intro field-wide">{t('approval.voteIntro')}</p>
      <VoteFields form={form as unknown as UseFormReturn<VoteForm>} voters={voters} />
    </FormDialog>
  );
}
