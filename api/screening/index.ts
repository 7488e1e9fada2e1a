/** Screening at intake: possible disclosures of harm and identifying details, in one call per text. */
import { findIdentifyingDetails, type IdentifyingSpan } from './identifying-details.ts';
import { screenForSafeguarding, type SafeguardingMatch } from './safeguarding.ts';

export type ScreeningResult = { safeguarding: SafeguardingMatch[]; identifying: IdentifyingSpan[] };

export function screenText(text: string, options: { language?: string | undefined; schoolNames?: readonly string[] }): ScreeningResult {
  return {
    safeguarding: screenForSafeguarding(text, options.language),
    identifying: findIdentifyingDetails(text, { schoolNames: options.schoolNames }),
  };
}
