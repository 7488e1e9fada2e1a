/** Deep links into the staff app, which routes on the hash (`web/staff/router.ts`): `/staff/#/<screen>/<id>`. */

export function staffLink(publicUrl: string, screen: 'safeguarding' | 'queue', id?: string): string {
  return `${publicUrl}/staff/#/${screen}${id ? `/${encodeURIComponent(id)}` : ''}`;
}
