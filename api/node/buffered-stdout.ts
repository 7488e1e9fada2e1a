/**
 * Log lines to stdout in batches: one write per turn of the event loop instead of one synchronous pipe write per
 * line (per request under load). Whatever is pending is written when the process exits.
 */
export function bufferedStdout(): (line: string) => void {
  let pending = '';
  const flush = () => {
    if (pending === '') return;
    const out = pending;
    pending = '';
    process.stdout.write(out);
  };
  process.on('exit', flush);
  return (line) => {
    if (pending === '') setImmediate(flush);
    pending += `${line}\n`;
  };
}
