/** The signed-out page: one link to the organisation's sign-in. */

export function SignIn(props: { failed: boolean }) {
  return (
    <main class="pad" id="main">
      <h1>Heard: staff</h1>
      {props.failed ? (
        <p role="alert" class="notice error">
          Heard could not check whether you are signed in. Check the connection and reload the page.
        </p>
      ) : null}
      <p>Sign in with your organisation's account to moderate what children have sent and prepare committee packs.</p>
      {/* Back to the screen and item that was asked for: a link from a notice carries it in the hash. */}
      <a class="button primary" href={`/auth/login?returnTo=${encodeURIComponent(`/staff/${window.location.hash}`)}`}>
        Sign in
      </a>
    </main>
  );
}
