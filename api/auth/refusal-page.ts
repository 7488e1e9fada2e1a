/** The page a browser sees when an account of the right provider is not one Heard lets in (wrong organisation). */

const MESSAGES: Record<'email_domain' | 'email_unverified' | 'tenant', string> = {
  email_domain: 'Heard only lets in accounts from the organisations that run it, and this account is not one of them.',
  email_unverified: 'Your sign-in provider has not confirmed the email address of this account, so Heard cannot tell which organisation it belongs to.',
  tenant: 'Heard only lets in accounts from the organisations that run it, and this account belongs to another organisation.',
};

export function refusalPage(reason: keyof typeof MESSAGES): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>This account cannot sign in to Heard</title></head>
<body>
<main>
<h1>This account cannot sign in to Heard</h1>
<p>${MESSAGES[reason]}</p>
<p>If you work with children's participation here, sign out of your provider, then sign in again with your work account. If that does not work, ask your Heard admin to check that your organisation is set up.</p>
<p><a href="/staff/">Back to the staff sign-in</a></p>
</main>
</body>
</html>`;
}
