/**
 * The path a child's words travel at intake: check, screen, store once. Idempotent on the client's id:
 * the same id with the same content answers as the first time; with different content it is refused.
 */
import type { Kysely } from 'kysely';
import type { AppDeps } from '../deps.ts';
import type { Database } from '../db/schema.ts';
import { findActiveGroupByCode } from '../db/groups.ts';
import {
  findIntakeRecord,
  findIntakeRecordOrCountHit,
  insertSubmission,
  insertTextSubmissionOnce,
  type IntakeRecord,
  type NewOriginal,
  type NewTextSubmission,
} from '../db/submissions.ts';
import { findPublishedSurveyVersion } from '../db/surveys.ts';
import { ProblemError, ValidationError, type FieldError } from '../errors.ts';
import { defaultDimensionLimits, sniffImage, withinLimits } from '../images/sniff.ts';
import { describeError } from '../log.ts';
import { submissionFingerprint } from './content-hash.ts';
import { consentProblems } from './consent-policy.ts';
import { assertWithinLimit, deviceBucket, enforceGroupLimit, enforceNewDeviceLimit, isNewDevice, newDevicesBucket, refundHits, windowStartOf } from './rate-limit.ts';
import { generateReceipt } from './receipt.ts';
import { screenSubmission, type StoredScreening } from './screening-record.ts';
import type { ReceivedPicture } from './multipart-form.ts';
import type { SubmissionAccepted, SubmissionInput } from './submission-schema.ts';
import { publishedQuestions } from './published-questions.ts';
import { checkAnswers, questionsFor } from './survey-answers.ts';

/** A picture as the multipart reader received it (multipart-form.ts), its declared type normalised by the route. */
export type IncomingImage = ReceivedPicture;

export type IntakeContext = {
  deviceId: string | undefined;
  /** The keyed hash of the client's address (client-address.ts), when known. */
  addressBucket: string | undefined;
  schoolNames: () => Promise<readonly string[]>;
};

export type IntakeOutcome = { created: boolean; body: SubmissionAccepted };

export async function acceptSubmission(
  deps: AppDeps,
  input: SubmissionInput,
  image: IncomingImage | undefined,
  context: IntakeContext,
): Promise<IntakeOutcome> {
  const schoolNames = await context.schoolNames();
  // A quote sent alone, the commonest message, is one statement. A group code or a survey is looked up only
  // after the replay check (a retry must succeed after its group or survey has closed), so those take turns.
  // A device new from a known address takes the checked path below, where it counts against the address.
  if (!image && !input.groupCode && input.kind === 'quote' && !(await newFromAddress(deps, context))) {
    return acceptAloneQuote(deps, input, context.deviceId, schoolNames);
  }
  // Without a picture everything happens in one transaction: one commit (one disk flush) per message.
  // With one, the upload must finish between the checks and the insert, so no transaction is held across it.
  if (!image) return deps.db.transaction().execute((trx) => intake(deps, trx, input, undefined, context, schoolNames));
  return intake(deps, deps.db, input, image, context, schoolNames);
}

async function newFromAddress(deps: AppDeps, context: IntakeContext): Promise<boolean> {
  if (!context.addressBucket) return false;
  const limits = deps.config.rateLimit;
  return isNewDevice(deps.db, deviceBucket(context.deviceId, limits).bucket, deps.clock.now(), limits);
}

async function acceptAloneQuote(deps: AppDeps, input: SubmissionInput, deviceId: string | undefined, schoolNames: readonly string[]): Promise<IntakeOutcome> {
  const fingerprint = submissionFingerprint(input);
  const now = deps.clock.now();
  const limits = deps.config.rateLimit;
  const problems = consentProblems(input, deps.config.intake);
  if (problems.length > 0) throw new ValidationError(problems);
  const screening = screenSubmission(textsOf(input), { language: input.language, schoolNames });
  const row = submissionRow(input, { fingerprint, screening, now, groupId: null, survey: undefined });
  const device = deviceBucket(deviceId, limits);
  const outcome = await insertTextSubmissionOnce(deps.db, row, { bucket: device.bucket, windowStart: windowStartOf(now, limits), limit: device.limit }, now);
  if (outcome.existing) return replay(outcome.existing, fingerprint);
  if (!outcome.inserted) {
    assertWithinLimit(outcome.hits ?? 0, device.limit, now, limits);
    return answerAsWinner(deps.db, input.id, fingerprint);
  }
  return created(row);
}

/** Everything here uses `db` (a transaction for a quote), never deps.db: PGlite has one connection. */
async function intake(
  deps: AppDeps,
  db: Kysely<Database>,
  input: SubmissionInput,
  image: IncomingImage | undefined,
  context: IntakeContext,
  schoolNames: readonly string[],
): Promise<IntakeOutcome> {
  const { deviceId, addressBucket } = context;
  const fingerprint = submissionFingerprint(input, image?.sha256);
  const now = deps.clock.now();
  const limits = deps.config.rateLimit;
  const device = deviceBucket(deviceId, limits);
  const { existing, hits } = await findIntakeRecordOrCountHit(db, input.id, device.bucket, windowStartOf(now, limits));
  if (existing) return replay(existing, fingerprint);

  const problems = [...consentProblems(input, deps.config.intake), ...imageProblems(input, image)];
  if (problems.length > 0) throw new ValidationError(problems);
  const sniffed = image ? checkImage(image) : undefined;

  const group = input.groupCode ? await findActiveGroupByCode(db, input.groupCode, now) : undefined;
  if (input.groupCode && !group) {
    throw new ProblemError(422, 'unknown_group', "We don't know that group code, or its time has ended. Ask your group worker, or send without a group.", {
      errors: [{ pointer: '/groupCode', detail: 'Unknown or expired group code.' }],
    });
  }
  const texts = textsOf(input);
  const survey = input.kind === 'survey' ? await checkSurvey(deps, db, input, now, group?.id, image !== undefined) : undefined;
  if (survey) texts.push(...survey.freeTexts);

  const counted = [device.bucket];
  // A device in a live group may be the tablet a whole class takes turns on; the group's own limit still holds.
  // Past it, the device is flooding: held for review together (up to floodHold more), and not counted against the
  // group, so one device cannot lock the rest of the class out.
  const deviceLimit = group && deviceId ? Math.max(device.limit, limits.perDeviceInGroup) : device.limit;
  const flood = group !== undefined && deviceId !== undefined && (hits ?? 0) > deviceLimit;
  assertWithinLimit(hits ?? 0, flood ? deviceLimit + limits.floodHold : deviceLimit, now, limits);
  if (group && !flood) {
    await enforceGroupLimit(db, limits, now, group.id);
    counted.push(`group:${group.id}`);
  }
  // Outside a group, devices new from one address share its cap: rotating device ids gains nothing.
  if (!group && addressBucket && (await isNewDevice(db, device.bucket, now, limits))) {
    await enforceNewDeviceLimit(db, limits, now, addressBucket);
    counted.push(newDevicesBucket(addressBucket));
  }

  const screening = screenSubmission(texts, { language: input.language, schoolNames });
  let original: NewOriginal | undefined;
  try {
    original = image && sniffed ? await quarantine(deps, input.id, image, sniffed) : undefined;
  } catch (error) {
    // The store was away: the child's app will retry, and must not find itself rate limited for our outage.
    await refundHits(db, counted, windowStartOf(now, limits));
    throw error;
  }
  const row = submissionRow(input, { fingerprint, screening, now, groupId: group?.id ?? null, survey });
  const stored = { ...row, flood, screening: JSON.stringify(row.screening), answers: row.answers === null ? null : JSON.stringify(row.answers) };
  let inserted: boolean;
  try {
    // A drawing's row, media row and job go in together.
    inserted = original
      ? await db.transaction().execute((trx) => insertSubmission(trx, stored, original, now))
      : await insertSubmission(db, stored, undefined, now);
  } catch (error) {
    if (original) await discard(deps, original.storageKey);
    throw error;
  }
  if (!inserted) {
    // Another request with this id committed first; answer as it did, and drop our copy of the image.
    if (original) await discard(deps, original.storageKey);
    return answerAsWinner(db, input.id, fingerprint);
  }
  return created(row);
}

function textsOf(input: SubmissionInput): [string, string][] {
  return input.text ? [['/text', input.text]] : [];
}

function submissionRow(
  input: SubmissionInput,
  parts: {
    fingerprint: string;
    screening: StoredScreening;
    now: Date;
    groupId: string | null;
    survey: { surveyId: string; version: number } | undefined;
  },
): NewTextSubmission {
  const { screening } = parts;
  return {
    id: input.id,
    kind: input.kind,
    text: input.text ?? null,
    age_band: input.ageBand,
    language: input.language ?? null,
    group_id: parts.groupId,
    consent_share_with_committee: input.consent.shareWithCommittee,
    consent_quote_in_reports: input.consent.quoteInReports,
    consent_publish_publicly: input.consent.publishPublicly,
    consent_given_by: input.consent.givenBy,
    receipt: generateReceipt(),
    content_hash: parts.fingerprint,
    wants_to_talk: input.wantsToTalk ?? false,
    safeguarding: screening.safeguarding.length > 0 || input.wantsToTalk === true,
    identifying_details: screening.identifying.length > 0,
    screening,
    survey_id: parts.survey?.surveyId ?? null,
    survey_version: parts.survey?.version ?? null,
    answers: input.answers ?? null,
    created_at: parts.now,
    updated_at: parts.now,
  };
}

function created(row: NewTextSubmission): IntakeOutcome {
  return { created: true, body: { id: row.id, receipt: row.receipt, status: 'received', showHelp: row.safeguarding === true } };
}

/** Another request with this id committed first: answer as it did. */
async function answerAsWinner(db: Kysely<Database>, id: string, fingerprint: string): Promise<IntakeOutcome> {
  const winner = await findIntakeRecord(db, id);
  if (!winner) throw new ProblemError(409, 'in_flight', 'This message is still being saved. Please try again in a moment.', { headers: { 'retry-after': '1' } });
  return replay(winner, fingerprint);
}

function replay(existing: IntakeRecord, fingerprint: string): IntakeOutcome {
  if (existing.forgotten) {
    throw new ProblemError(410, 'forgotten', 'This message was deleted when its time to be kept ran out. It will not be stored again.');
  }
  // A withdrawn submission has no fingerprint any more: a late retry from the outbox must not bring it back.
  if (existing.content_hash !== null && existing.content_hash !== fingerprint) {
    throw new ProblemError(422, 'id_reused', 'This id was already used for a different message. Make a new id for new content.', {
      errors: [{ pointer: '/id', detail: 'Already used for different content.' }],
    });
  }
  return {
    created: false,
    body: { id: existing.id, receipt: existing.receipt, status: 'received', showHelp: existing.safeguarding || existing.wants_to_talk },
  };
}

function imageProblems(input: SubmissionInput, image: IncomingImage | undefined): FieldError[] {
  if (input.kind === 'drawing' && !image) return [{ pointer: '/image', detail: 'A drawing needs its picture.' }];
  // A survey may bring the picture of a drawn answer; checkAnswers decides whether this one may.
  if (input.kind === 'quote' && image) return [{ pointer: '/image', detail: 'Only a drawing can have a picture.' }];
  return [];
}

function checkImage(image: IncomingImage) {
  const sniffed = sniffImage(image.head);
  if (!sniffed.ok) {
    const what = sniffed.detected ? ` It looks like ${sniffed.detected}.` : '';
    throw new ValidationError([{ pointer: '/image', detail: `This is not a picture we can take: send a JPEG, PNG or WebP.${what}` }]);
  }
  if (sniffed.type !== image.declaredType) {
    throw new ValidationError([{ pointer: '/image', detail: `The picture says it is ${image.declaredType} but it is ${sniffed.type}.` }]);
  }
  if (!withinLimits(sniffed, defaultDimensionLimits)) {
    throw new ValidationError([{ pointer: '/image', detail: `This picture is too big (${sniffed.width}×${sniffed.height} pixels).` }]);
  }
  const damage = image.integrity(sniffed.type);
  if (damage === 'truncated') {
    throw new ProblemError(422, 'image_incomplete', "Your picture didn't arrive whole. Please try sending it again.", {
      errors: [{ pointer: '/image', detail: 'The file ends before the picture does.' }],
    });
  }
  if (damage === 'oversized_metadata') {
    throw new ProblemError(422, 'image_metadata_too_large', "We can't take this picture file. Try saving it again, or take a new photo.", {
      errors: [{ pointer: '/image', detail: 'The file carries too much compressed metadata (colour profile or text).' }],
    });
  }
  return sniffed;
}

async function checkSurvey(deps: AppDeps, db: Kysely<Database>, input: SubmissionInput, now: Date, groupId: string | undefined, pictureAttached: boolean) {
  const version = await findPublishedSurveyVersion(db, input.surveyId!, input.surveyVersion);
  if (!version) {
    throw new ProblemError(404, 'unknown_survey', 'We could not find this survey. It may have been taken down.', {
      errors: [{ pointer: input.surveyVersion === undefined ? '/surveyId' : '/surveyVersion', detail: 'No published survey with this id and version.' }],
    });
  }
  const closesAt = version.closes_at ? new Date(version.closes_at) : undefined;
  const opensAt = version.opens_at ? new Date(version.opens_at) : undefined;
  if ((opensAt && now < opensAt) || (closesAt && now >= closesAt)) {
    throw new ProblemError(422, 'survey_closed', 'This survey is not open right now.', {
      errors: [{ pointer: '/surveyId', detail: 'The survey is closed.' }],
    });
  }
  if (version.group_ids && !(groupId && version.group_ids.includes(groupId))) {
    throw new ProblemError(422, 'survey_not_for_you', 'This survey is for a particular group. Join with your group code to answer it.', {
      errors: [{ pointer: '/groupCode', detail: "The survey is for other groups' members." }],
    });
  }
  const checked = checkAnswers(questionsFor(publishedQuestions(version.survey_id, version.version, version.questions), input.ageBand), input.answers ?? {}, deps.config.intake.maxTextLength, pictureAttached);
  if (checked.errors.length > 0) throw new ValidationError(checked.errors);
  return { surveyId: version.survey_id, version: version.version, freeTexts: checked.freeTexts };
}

async function quarantine(deps: AppDeps, id: string, image: IncomingImage, sniffed: { type: string; width: number; height: number }): Promise<NewOriginal> {
  const storageKey = `quarantine/${id}/${crypto.randomUUID()}`;
  try {
    await deps.blobs.put(storageKey, image.body(), { contentType: sniffed.type });
  } catch (error) {
    deps.log({ level: 'error', msg: 'blob store write failed', ...describeError(error) });
    throw new ProblemError(503, 'storage_unavailable', "We couldn't save your picture just now. It is still on your device; we'll try again.", {
      headers: { 'retry-after': '10' },
    });
  }
  return { storageKey, contentType: sniffed.type, bytes: image.bytes, width: sniffed.width, height: sniffed.height };
}

/** Best effort: a failure here leaves an object the quarantine sweep removes. */
async function discard(deps: AppDeps, key: string): Promise<void> {
  try {
    await deps.blobs.delete(key);
  } catch (error) {
    deps.log({ level: 'warn', msg: 'could not discard an unused quarantine object', ...describeError(error) });
  }
}
