/**
 * Why the server could not listen, as one line that says what to change; Node's own message
 * (`listen EADDRINUSE: address already in use 127.0.0.1:4010`) names neither the option nor the variable.
 * Errors it does not know are returned as they are.
 */
export function explainListenError(err: unknown, port: number, host: string): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const otherPort = 'choose another with --port <n> or PORT=<n>';
  const otherHost = 'choose another with --host <address> or HOST=<address> (127.0.0.1: this machine only; 0.0.0.0: every interface)';
  switch (code) {
    case 'EADDRINUSE':
      return new Error(`port ${port} on ${host} is already in use; ${otherPort}`);
    case 'EACCES':
      return new Error(`port ${port} on ${host} needs privileges this user lacks (ports below 1024 usually need root); ${otherPort}`);
    case 'EADDRNOTAVAIL':
      return new Error(`${host} is not an address of this machine; ${otherHost}`);
    // getaddrinfo's answers for a name it cannot resolve (EAI_AGAIN: no DNS answer in time).
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new Error(`host ${host} could not be resolved (${code}); ${otherHost}`);
    default:
      return err;
  }
}
