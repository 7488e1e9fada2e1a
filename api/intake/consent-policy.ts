/** The partnership's consent rules by age, applied to every submission before anything is stored. */
import type { IntakeConfig } from '../config.ts';
import type { FieldError } from '../errors.ts';
import type { SubmissionInput } from './submission-schema.ts';

/** Returns the consent problems of a submission; none means the consent given is enough. */
export function consentProblems(input: Pick<SubmissionInput, 'ageBand' | 'consent'>, config: IntakeConfig): FieldError[] {
  const { consent, ageBand } = input;
  if (consent.publishPublicly && consent.givenBy === 'self' && config.publicConsentNeedsAdultFor.includes(ageBand)) {
    return [
      {
        pointer: '/consent/givenBy',
        detail: `For ages ${ageBand}, sharing publicly needs a carer or worker to agree too. You can still share with the committee.`,
      },
    ];
  }
  return [];
}
