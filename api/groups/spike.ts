/** Whether a group is seeing a spike: the last hour's submissions against its usual hourly rate over the week before. */

/** Fewer than this in an hour is never a spike, however quiet the group usually is. */
const SPIKE_FLOOR = 10;
const SPIKE_FACTOR = 3;

export type GroupSpike = { lastHour: number; usualPerHour: number; spike: boolean };

/** `activeFrom` bounds "the week before": a group started yesterday has a day of history, not a week. */
export function groupSpike(activity: { lastHour: number; weekBefore: number }, activeFrom: Date, now: Date): GroupSpike {
  const hoursBefore = Math.min(167, Math.max(1, (now.getTime() - activeFrom.getTime()) / 3_600_000 - 1));
  const usualPerHour = Math.round((activity.weekBefore / hoursBefore) * 10) / 10;
  return { lastHour: activity.lastHour, usualPerHour, spike: activity.lastHour >= SPIKE_FLOOR && activity.lastHour > SPIKE_FACTOR * usualPerHour };
}
