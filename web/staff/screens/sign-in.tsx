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
      <a class="button primary" href="/auth/login?returnTo=/staff/">
        Sign in
      </a>
    </main>
  );
}
