import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { TorgConfig } from '../config/config';
import { DomainError } from '../errors/domain-error';
import { Public } from './access.decorators';
import { AccessGuard } from './access.guard';
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
  const guard = new AccessGuard(new Reflector(), {} as TokenService, { manager: {} } as DataSource, { platformOperators: [] } as unknown as TorgConfig, new MachineClientDirectory());

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
