import { errorCodeForStatus, HTTP_STATUS } from './domain-error';

describe('errorCodeForStatus', () => {
  it('gives back the code of every status Torg maps, so REST and GraphQL name an HttpException alike', () => {
    for (const [code, status] of Object.entries(HTTP_STATUS)) expect(errorCodeForStatus(status)).toBe(code);
  });
  it('calls other client errors bad input and server errors internal', () => {
    expect(errorCodeForStatus(405)).toBe('BAD_USER_INPUT');
    expect(errorCodeForStatus(502)).toBe('INTERNAL_SERVER_ERROR');
  });
});
