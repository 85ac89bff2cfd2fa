import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { TorgConfig } from '../config/config';
import { DomainError } from '../errors/domain-error';
import { Public } from './access.decorators';
import { AccessGuard } from './access.guard';
import { CallerAuthenticator } from './caller-authenticator';
import { MachineClientDirectory } from './machine-client-directory';
import { TokenService } from './token.service';

class SomeController {
  undecorated() {}
  @Public()
  open() {}
}

function contextFor(handler: () => void): ExecutionContext {
  const req = { headers: {} };
  return {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => SomeController,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

describe('AccessGuard', () => {
  const ds = { manager: {} } as DataSource;
  const authenticator = new CallerAuthenticator({} as TokenService, ds, { platformOperators: [] } as unknown as TorgConfig, new MachineClientDirectory());
  const guard = new AccessGuard(new Reflector(), authenticator, ds);

  it('refuses an operation that declares no access rule, even for a caller with a token', async () => {
    await expect(guard.canActivate(contextFor(SomeController.prototype.undecorated))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Operation SomeController.undecorated declares no access rule and is refused',
    });
    await expect(guard.canActivate(contextFor(SomeController.prototype.undecorated))).rejects.toBeInstanceOf(DomainError);
  });

  it('lets a public operation through without a token', async () => {
    await expect(guard.canActivate(contextFor(SomeController.prototype.open))).resolves.toBe(true);
  });
});
