/** HTML-escapes text for attribute and element content. */
function esc(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/**
 * The simulator's sign-in page for `GET /restapi/oauth/authorize`: a form that POSTs the user's credentials with
 * the original authorize parameters as hidden fields. Field names `username`/`password` (tests post them directly).
 */
export function renderAuthorizePage(input: {
  params: Record<string, string>;
  clientName: string;
  loginHint?: string;
  error?: string;
}): string {
  const hidden = Object.entries(input.params)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('\n      ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Sign in – RingCentral simulator</title>
    <style>
      body { font-family: system-ui, sans-serif; background: #f4f6f9; display: flex; justify-content: center; padding-top: 10vh; }
      form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.1); width: 20rem; }
      label { display: block; margin-top: 1rem; font-size: .9rem; }
      input[type=text], input[type=password] { width: 100%; padding: .5rem; box-sizing: border-box; }
      button { margin-top: 1.5rem; padding: .5rem 1rem; }
      .error { color: #c23934; }
    </style>
  </head>
  <body>
    <form method="post" action="/restapi/oauth/authorize">
      <h1>Sign in</h1>
      <p><strong>${esc(input.clientName)}</strong> asks to use your RingCentral account (local simulator).</p>
      ${input.error ? `<p class="error" role="alert">${esc(input.error)}</p>` : ''}
      ${hidden}
      <label>Email, phone number or extension <input type="text" name="username" autocomplete="username" value="${esc(input.loginHint ?? '')}"></label>
      <label>Password <input type="password" name="password" autocomplete="current-password"></label>
      <button type="submit" name="action" value="login">Sign in</button>
      <button type="submit" name="action" value="deny">Cancel</button>
    </form>
  </body>
</html>
`;
}
