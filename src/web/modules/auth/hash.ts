/**
 * Tokens from mail links arrive in the URL fragment (#token=…), which browsers never send to a server.
 * Read it once and remove it from the address bar and history, so it does not linger or leak.
 */
export function takeHashToken(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (token) window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  return token && token.length <= 200 ? token : null;
}
