/** An error that becomes an HTTP response: a 4xx status and a message for the person asking. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}
