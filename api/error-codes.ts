/** The one vocabulary of problem `code`s: every problem+json the service answers carries one of these. */

/** Each code with what it means to a client; the OpenAPI document publishes this list. */
export const ERROR_CODES = {
  // The request as sent
  bad_request: 'The request could not be handled as sent.',
  malformed_request: 'The request could not be read at the HTTP level.',
  malformed_json: 'The body is not valid JSON.',
  malformed_multipart: 'The multipart body could not be read.',
  invalid_utf8: 'The body is not valid UTF-8.',
  unsupported_media_type: 'The body was sent with a content type this route does not read.',
  body_too_large: 'The body is larger than this route accepts.',
  headers_too_large: 'The request headers are too large.',
  request_timeout: 'The request took too long to arrive.',
  validation_failed: 'Some fields are not valid; `errors` names each with a JSON pointer.',
  not_found: 'There is nothing at this address.',
  method_not_allowed: 'The address does not answer this method; `Allow` lists those it does.',
  rate_limited: 'Too many requests from this device; `Retry-After` says when to try again.',
  // Staff sign-in and access
  not_signed_in: 'The route needs a staff session.',
  forbidden: "The staff member's roles do not allow this route.",
  csrf_token_invalid: 'A state-changing staff request without the session CSRF token.',
  cross_origin: 'A state-changing request from another origin.',
  sign_in_unavailable: 'Staff sign-in is not configured.',
  login_state_mismatch: 'The sign-in answer does not belong to this browser.',
  login_failed: 'The identity provider refused or failed the sign-in.',
  login_expired: 'The sign-in took too long; start again.',
  account_disabled: 'The staff account is disabled.',
  // Children's submissions and pictures
  drawing_needs_multipart: 'A drawing must be sent as multipart/form-data.',
  duplicate_part: 'A multipart part that may appear once appeared more than once.',
  unsupported_image_type: 'The picture is not a PNG, JPEG or WebP.',
  image_incomplete: 'The picture is truncated or damaged.',
  image_metadata_too_large: 'The picture carries too much metadata.',
  id_reused: 'The submission id was already used for different content.',
  in_flight: 'The same submission is still being stored; retry shortly.',
  uploads_busy: 'Too many uploads at once; retry shortly.',
  forgotten: 'The submission was withdrawn or erased.',
  unknown_group: 'No open group has this code.',
  unknown_survey: 'No published survey has this id and version.',
  survey_closed: 'The survey no longer takes answers.',
  survey_not_for_you: "The survey is not open to this child's group or age.",
  // Staff work
  forbidden_member: 'A committee member asked for something outside their committee.',
  claimed_by_someone_else: 'Another staff member holds this item.',
  safeguarding_unresolved: 'A safeguarding flag must be resolved first.',
  not_flagged: 'The submission is not flagged for safeguarding.',
  already_screened: 'The item was already screened.',
  already_reviewed: 'The item was already reviewed.',
  nothing_to_undo: 'There is no decision to undo.',
  nothing_to_publish: 'There is nothing to publish.',
  no_drawing: 'The submission has no drawing.',
  pack_superseded: 'A newer version of the pack exists.',
  report_superseded: 'A newer version of the annual report exists; the old one answers with its record only.',
  curation_not_eligible: 'The report picks contributions that can no longer be shown (consent changed, withdrawn or rejected); `ids` names them.',
  public_summary_admin_only: "Only an admin may switch on a report's public summary.",
  survey_already_attached: 'The survey is already attached.',
  slug_taken: 'The short name is already used.',
  staff_exists: 'A staff member with this email already exists.',
  last_admin: 'The last admin cannot lose the admin role.',
  // The service
  storage_unavailable: 'The object store is not answering; retry later.',
  images_unavailable: 'Pictures cannot be processed on this deployment.',
  pdf_unavailable: 'PDFs cannot be rendered on this deployment.',
  xlsx_unavailable: 'Spreadsheets cannot be written on this deployment (the edge Worker).',
  metrics_token_required: 'The metrics endpoint needs its bearer token.',
  database_unavailable: 'The database is restarting or failing over; retry with the same id.',
  not_ready: 'A dependency is unreachable (readiness check).',
  misconfigured: 'The deployment is misconfigured.',
  internal_error: 'An unexpected failure on our side.',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
