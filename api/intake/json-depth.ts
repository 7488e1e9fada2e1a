/** How deeply a parsed JSON value nests, counted without recursion so a hostile body cannot overflow the stack. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const member of Object.values(current)) stack.push([member, depth + 1]);
  }
  return false;
}
